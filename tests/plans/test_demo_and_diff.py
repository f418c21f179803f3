"""The demo plan from seed 003, and what changed between its January and March versions."""

import io
import re

import pytest
from django.apps import apps
from django.urls import reverse
from pypdf import PdfReader

from plans import demo
from plans.diff import Change, word_diff
from plans.models import Comment, Plan, PlanVersion
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plan(db):
    for label in ("accounts", "partners", "plans"):
        apps.get_app_config(label).load_demo(stdout=io.StringIO())
    return Plan.objects.get(force_area__code="leicestershire", title="Police and Crime Plan 2013–2017")


def test_word_diff_marks_insertions_and_deletions_without_relying_on_colour():
    html, insertions, deletions = word_diff("Work with partners.", "Work closely with all partners <now>.")
    assert insertions == 3 and deletions == 0
    assert re.search(r'<ins class="diff"><span class="visually-hidden">\[inserted: </span>\s*closely\s*<span', html)
    assert "&lt;now&gt;" in html
    html, _, deletions = word_diff("Four clusters agreed.", "Clusters agreed.")
    assert deletions == 1 and "[deleted: </span>Four clusters" in html


def test_demo_is_loaded_once_however_often_it_runs(demo_plan):
    apps.get_app_config("plans").load_demo(stdout=io.StringIO())
    assert Plan.objects.filter(title="Police and Crime Plan 2013–2017").count() == 1
    january, march = demo_plan.versions.order_by("number")
    assert (january.number, january.label) == (1, "January 2013 draft")
    assert (march.number, march.label, march.status) == (2, "March 2013 revised", PlanVersion.Status.ISSUED)
    assert march.based_on == january
    assert str(january.consultation_closes.astimezone(demo.LONDON)) == "2013-03-10 23:59:00+00:00"
    assert march.issued_at.date().isoformat() <= "2013-03-31"
    assert demo_plan.commissioner == "Sir Clive Loader"
    assert Comment.objects.filter(version=january, parent=None).count() == len(demo.COMMENTS)


def test_demo_priorities_cover_the_themes_of_seed_003(demo_plan):
    keys = set(demo_plan.versions.get(number=1).priorities.values_list("key", flat=True))
    themes = {
        "child-sexual-exploitation", "hate-crime", "sexual-offences", "drink", "drugs",
        "mental-health", "domestic-abuse", "antisocial-behaviour", "young-people", "victims",
    }  # fmt: skip
    assert themes <= keys


def test_demo_issued_plan_was_distributed_to_chief_constable_and_responsible_authorities(demo_plan):
    march = demo_plan.versions.get(number=2)
    names = set(march.distributions.values_list("organisation__name", flat=True))
    assert "Leicestershire Police" in names
    assert {"Leicester City Council", "Leicestershire Fire and Rescue Service", "Blaby District Council"} <= names
    assert "Voluntary Action Leicestershire" not in names


def test_difference_between_january_and_march_marks_exactly_the_changed_sections(client, demo_plan):
    january, march = demo_plan.versions.order_by("number")
    changed_in_demo = {key for key, (_, _, _, revised) in demo.SECTIONS.items() if revised is not None}
    assert {"equality", "partnership-working", "voluntary-sector"} <= changed_in_demo

    client.force_login(demo_plan.created_by)
    response = client.get(
        reverse("plans:version_compare", kwargs={"pk": demo_plan.pk}), {"old": january.pk, "new": march.pk}
    )
    assert response.status_code == 200
    sections = response.context["differences"]["sections"]
    marked = {d.key for d in sections if d.change == Change.CHANGED}
    assert marked == changed_in_demo
    assert {d.change for d in sections if d.key not in changed_in_demo} == {Change.UNCHANGED}
    page = response.content.decode()
    labelled = re.findall(r'<h3 id="diff-([\w-]+)-heading">[^<]*<span class="badge[^"]*">Changed</span>', page)
    assert set(labelled) == changed_in_demo
    assert "equality impact assessment of this plan has been commissioned" in page
    assert '<ins class="diff">' in page


def test_panel_member_compares_versions_but_not_a_draft_they_cannot_see(client, demo_plan):
    from pcc_portal.accounts.models import User

    member = User.objects.get(email=demo.MEMBER_EMAIL)
    january, march = demo_plan.versions.order_by("number")
    draft = PlanVersion.objects.create(plan=demo_plan, number=3, label="Unshared variation")
    client.force_login(member)
    url = reverse("plans:version_compare", kwargs={"pk": demo_plan.pk})
    assert client.get(url, {"old": january.pk, "new": march.pk}).status_code == 200
    response = client.get(url, {"old": march.pk, "new": draft.pk})
    assert "Unshared variation" not in response.content.decode()


def test_demo_pdf_lists_every_priority_in_order_with_page_numbers(client, demo_plan):
    march = demo_plan.versions.get(number=2)
    response = get_pdf(client, reverse("plans:version_pdf", kwargs={"pk": march.pk}))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    pages = len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    text = "\n".join(texts)
    assert "Police and Crime Plan 2013–2017" in texts[0]
    assert "Contents" in texts[1]
    assert f"Page 1 of {pages}" in texts[0] and f"Page {pages} of {pages}" in texts[-1]
    body = text[
        text.index("\nPriorities\n", text.index("Commissioning and crime and disorder reduction grants\n") + 60) :
    ]
    positions = [body.index(title) for _, title, _ in demo.PRIORITIES]
    assert positions == sorted(positions)
    assert "Child sexual exploitation" in body and "Victims" in body
    assert "Reduce crime" in text
    assert reader.metadata.title == "Police and Crime Plan 2013–2017: Version 2: March 2013 revised"


def test_draft_pdf_is_not_public(client, demo_plan):
    draft = PlanVersion.objects.create(plan=demo_plan, number=3, label="Unshared variation")
    response = get_pdf(client, reverse("plans:version_pdf", kwargs={"pk": draft.pk}))
    assert response.status_code == 302


def _strip(html: str, keep: str, drop: str) -> str:
    html = re.sub(rf'<{drop} class="diff">.*?</{drop}>', "", html)
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return re.sub(rf"</?{keep}[^>]*>", "", html)


@pytest.mark.parametrize("seed", range(40))
def test_word_diff_keeps_both_texts_recoverable(seed):
    import random

    rng = random.Random(seed)
    words = ["the", "panel", "plan", "police", "partners", "crime", "safe", "victims", "work", "with", "of"]
    old = [rng.choice(words) for _ in range(rng.randint(0, 40))]
    new = list(old)
    for _ in range(rng.randint(0, 4)):
        at = rng.randint(0, len(new))
        if new and rng.random() < 0.5:
            new.pop(min(at, len(new) - 1))
        else:
            new.insert(at, rng.choice(words) + "s")
    html, _, _ = word_diff(" ".join(old), " ".join(new))
    assert _strip(html, keep="ins", drop="del") == " ".join(new)
    assert _strip(html, keep="del", drop="ins") == " ".join(old)
