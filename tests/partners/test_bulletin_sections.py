"""Bulletins as their authors write them: a free issue label and date, named sections in the author's order,
links, a sign-off where it is placed, page breaks only where asked, any publisher, several areas addressed."""

import io
import re

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from partners.models import Bulletin, BulletinDelivery, BulletinSection, OrganisationType
from partners.selectors import bulletin_recipients
from partners.services import bulletin_send
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.partners.factories import (
    BulletinArticleFactory,
    BulletinFactory,
    BulletinSectionFactory,
    ConsentingContactFactory,
    OrganisationFactory,
)
from tests.partners.pdf_text import pdf_text
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    """Return the visible words of an HTML page, whitespace folded."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
    return re.sub(r" ([,.;:])", r"\1", " ".join(text.split()))


def _pdf(client, bulletin) -> bytes:
    response = get_pdf(client, reverse("partners:bulletin_pdf", kwargs={"pk": bulletin.pk}))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _in_order(text: str, parts: list[str]) -> None:
    """Check that each part occurs in the text, each after the one before."""
    at = -1
    for part in parts:
        found = text.find(part, at + 1)
        assert found > at, f"{part!r} missing or out of order in: {text[:2000]}"
        at = found


def _write_issue_12(client, area, publisher) -> Bulletin:
    """Enter the acceptance bulletin through the forms, as staff would."""
    response = client.post(
        reverse("partners:bulletin_create"),
        {
            "publisher": publisher.pk,
            "series_title": "Partnerships Bulletin",
            "issue_label": "Issue 12",
            "number": 12,
            "date_label": "Spring 2024",
            "issue_date": "2024-04-02",
            "audience": [area.pk],
            "introduction": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    bulletin = Bulletin.objects.get(publisher=publisher, number=12)
    add_section = reverse("partners:bulletin_section_add", kwargs={"pk": bulletin.pk})
    sections = [
        {"kind": "articles", "heading": "News update", "body": "", "position": 2},
        {"kind": "articles", "heading": "Welcome", "body": "Welcome to issue 12 of our bulletin.", "position": 1},
        {"kind": "sign_off", "heading": "", "body": "With best wishes,\n\n**Jane Roe**, Commissioner", "position": 3},
    ]
    for data in sections:
        assert client.post(add_section, data).status_code == 302
    news = bulletin.sections.get(heading="News update")
    add_article = reverse("partners:bulletin_article_add", kwargs={"pk": bulletin.pk})
    articles = [
        ("Second article", "The summit is in June.", 2),
        ("Funding round opens", "Read the [funding guidance](https://www.example.org/guidance) first.", 1),
    ]
    for title, body, position in articles:
        data = {"section": news.pk, "title": title, "body": body, "position": position}
        assert client.post(add_article, data).status_code == 302
    return bulletin


ISSUE_12_ORDER = [
    "Partnerships Bulletin",
    "Issue 12 – Spring 2024",
    "Welcome",
    "Welcome to issue 12 of our bulletin.",
    "News update",
    "Funding round opens",
    "Read the funding guidance first.",
    "Second article",
    "The summit is in June.",
    "With best wishes,",
    "Jane Roe, Commissioner",
]


def test_issue_12_with_welcome_and_news_update_keeps_its_labels_on_page_pdf_and_email(
    client, staff_user, area, django_capture_on_commit_callbacks
):
    publisher = OrganisationFactory(name="OPCC for Leicestershire", org_type=OrganisationType.OPCC, areas=[area])
    reader = ConsentingContactFactory(organisation=OrganisationFactory(areas=[area]))
    client.force_login(staff_user)
    bulletin = _write_issue_12(client, area, publisher)

    page = client.get(bulletin.get_absolute_url()).content.decode()
    _in_order(_text(page), ISSUE_12_ORDER)
    assert '<h2 id="section-' in page and ">Welcome</h2>" in page and ">News update</h2>" in page
    assert '<a href="https://www.example.org/guidance" rel="noopener noreferrer nofollow">funding guidance</a>' in page
    # No fixed labels the author did not write.
    for label in ("Guest articles", "News and notes", "No 12"):
        assert label not in _text(page)

    pdf = pdf_text(_pdf(client, bulletin))
    _in_order(pdf, ISSUE_12_ORDER)
    assert "News and notes" not in pdf

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk}), {"confirmed": "1"})
    [message] = mail.outbox
    assert message.to == [reader.email]
    assert message.subject == "Partnerships Bulletin Issue 12 – Spring 2024"
    _in_order(
        " ".join(message.body.split()),
        [p.replace("funding guidance", "[funding guidance]") for p in ISSUE_12_ORDER][:6],
    )
    html = message.alternatives[0][0]
    _in_order(_text(html), ISSUE_12_ORDER)
    assert 'href="https://www.example.org/guidance"' in html


def test_the_issue_date_orders_the_archive_while_the_date_as_entered_is_printed(client, area):
    older = BulletinFactory(published=True, number=7, issue_label="No 7", date_label="Winter", issue_date="2024-01-10")
    newer = BulletinFactory(published=True, number=8, issue_label="No 8", date_label="Spring", issue_date="2024-04-10")
    text = _text(client.get(reverse("partners:bulletin_archive")).content.decode())
    _in_order(text, [newer.title, older.title])
    assert "PCC Bulletin No 8 – Spring" in text


def test_a_sign_off_prints_where_the_author_places_it_on_page_and_pdf(client, area):
    bulletin = BulletinFactory(published=True, audience=[area], introduction="")
    first = BulletinSectionFactory(bulletin=bulletin, heading="From the Commissioner", position=1)
    BulletinArticleFactory(bulletin=bulletin, section=first, title="A busy quarter", body="We met every partner.")
    BulletinSectionFactory(bulletin=bulletin, sign_off=True, body="Yours, **Jane Roe**", position=2)
    later = BulletinSectionFactory(bulletin=bulletin, heading="Also in this issue", position=3)
    BulletinArticleFactory(bulletin=bulletin, section=later, title="Dates for the diary", body="See below.")
    order = ["From the Commissioner", "A busy quarter", "Yours, Jane Roe", "Also in this issue", "Dates for the diary"]
    _in_order(_text(client.get(bulletin.get_absolute_url()).content.decode()), order)
    _in_order(pdf_text(_pdf(client, bulletin)), order)


def test_an_events_section_places_the_events_and_otherwise_they_follow_the_sections(client, area):
    from tests.partners.factories import BulletinEventFactory

    bulletin = BulletinFactory(published=True, audience=[area], introduction="", contact_line="")
    BulletinEventFactory(bulletin=bulletin, title="Stakeholder Summit")
    BulletinSectionFactory(bulletin=bulletin, heading="News", position=1, body="The news.")
    page = _text(client.get(bulletin.get_absolute_url()).content.decode())
    _in_order(page, ["News", "The news.", "Events", "Stakeholder Summit"])
    BulletinSectionFactory(bulletin=bulletin, kind=BulletinSection.Kind.EVENTS, heading="Coming up", position=0)
    for text in (_text(client.get(bulletin.get_absolute_url()).content.decode()), pdf_text(_pdf(client, bulletin))):
        _in_order(text, ["Coming up", "Stakeholder Summit", "News", "The news."])
        assert "Events" not in text.split("Stakeholder Summit")[0]


def test_the_pdf_breaks_the_page_only_where_a_section_asks(client, area):
    bulletin = BulletinFactory(published=True, audience=[area])
    BulletinSectionFactory(bulletin=bulletin, heading="Welcome", body="A short welcome.", position=1)
    news = BulletinSectionFactory(bulletin=bulletin, heading="News update", body="A short update.", position=2)
    assert len(PdfReader(io.BytesIO(_pdf(client, bulletin))).pages) == 1
    BulletinSection.objects.filter(pk=news.pk).update(page_break_before=True)
    pages = PdfReader(io.BytesIO(_pdf(client, bulletin))).pages
    assert len(pages) == 2
    assert "News update" in pages[1].extract_text() and "News update" not in pages[0].extract_text()


def test_links_in_articles_are_kept_and_unsafe_ones_removed(client, area):
    bulletin = BulletinFactory(published=True, audience=[area])
    section = BulletinSectionFactory(bulletin=bulletin, heading="Links")
    BulletinArticleFactory(
        bulletin=bulletin,
        section=section,
        body="See [the APCC](https://www.apcc.police.uk/) and [this](javascript:alert(1)) <script>x()</script>.",
    )
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert '<a href="https://www.apcc.police.uk/" rel="noopener noreferrer nofollow">the APCC</a>' in page
    assert "javascript:" not in page and "<script>x()" not in page
    assert "See the APCC and this" in pdf_text(_pdf(client, bulletin))


def test_an_association_publishes_a_bulletin_and_is_named_with_its_kind(client, staff_user, area, other_area):
    apcc = OrganisationFactory(name="Association of Police and Crime Commissioners", org_type="association")
    other_opcc = OrganisationFactory(name="OPCC for West Midlands", org_type=OrganisationType.OPCC, areas=[other_area])
    client.force_login(staff_user)
    form = client.get(reverse("partners:bulletin_create")).content.decode()
    assert "Association of Police and Crime Commissioners (Association of commissioners)" in form
    assert "OPCC for West Midlands" not in form
    data = {"series_title": "APCC Update", "number": 3, "issue_date": "2024-05-01", "audience": [area.pk]}
    refused = client.post(reverse("partners:bulletin_create"), {**data, "publisher": other_opcc.pk})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert not Bulletin.objects.filter(publisher=other_opcc).exists()
    client.post(reverse("partners:bulletin_create"), {**data, "publisher": apcc.pk})
    bulletin = Bulletin.objects.get(publisher=apcc)
    expected = "Published by Association of Police and Crime Commissioners (association of commissioners)"
    assert expected in _text(client.get(bulletin.get_absolute_url()).content.decode())
    assert expected in pdf_text(_pdf(client, bulletin))


def test_staff_of_several_areas_address_one_bulletin_to_all_and_each_reader_gets_it_once(
    client, area, other_area, django_capture_on_commit_callbacks
):
    third = ForceAreaFactory(name="Warwickshire", code="warwickshire")
    staff = UserFactory(opcc_staff=True, areas=[area, other_area])
    publisher = OrganisationFactory(org_type=OrganisationType.OPCC, areas=[area])
    shared = ConsentingContactFactory(organisation=OrganisationFactory(areas=[area, other_area]))
    only_other = ConsentingContactFactory(organisation=OrganisationFactory(areas=[other_area]))
    outside = ConsentingContactFactory(organisation=OrganisationFactory(areas=[third]))
    client.force_login(staff)
    form = client.get(reverse("partners:bulletin_create")).content.decode()
    boxes = re.findall(r'<input[^>]*name="audience"[^>]*>', form)
    assert len(boxes) == 2 and all('type="checkbox"' in box for box in boxes)
    assert "Leicestershire" in form and "West Midlands" in form and "Warwickshire" not in form
    data = {"publisher": publisher.pk, "series_title": "Joint Bulletin", "number": 1, "issue_date": "2024-05-01"}
    data["introduction"] = "News for both areas."
    refused = client.post(reverse("partners:bulletin_create"), {**data, "audience": [area.pk, third.pk]})
    assert refused.status_code == 200 and not Bulletin.objects.exists()
    client.post(reverse("partners:bulletin_create"), {**data, "audience": [area.pk, other_area.pk]})
    bulletin = Bulletin.objects.get()
    assert set(bulletin.audience.all()) == {area, other_area}
    assert list(bulletin_recipients(bulletin)) == sorted([shared, only_other], key=lambda c: c.pk)
    BulletinSectionFactory(bulletin=bulletin, heading="News", body="Joint news.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk}), {"confirmed": "1"})
    bulletin_send(bulletin_id=bulletin.pk)  # a second run sends nothing more
    assert sorted(m.to[0] for m in mail.outbox) == sorted([shared.email, only_other.email])
    assert outside.email not in {m.to[0] for m in mail.outbox}
    assert BulletinDelivery.objects.filter(bulletin=bulletin).count() == 2


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 302), ("other_area_staff", 404), ("partner", 404), ("panel_member", 404), ("anonymous", 302)],
)
def test_only_the_areas_staff_add_sections(client, area, other_area, who, status):
    bulletin = BulletinFactory(force_area=area, audience=[area])
    users = {
        "staff": UserFactory(opcc_staff=True, areas=[area]),
        "other_area_staff": UserFactory(opcc_staff=True, areas=[other_area]),
        "partner": UserFactory(partner=True, areas=[area]),
        "panel_member": UserFactory(panel_member=True, areas=[area]),
    }
    if who in users:
        client.force_login(users[who])
    url = reverse("partners:bulletin_section_add", kwargs={"pk": bulletin.pk})
    response = client.post(url, {"kind": "articles", "heading": "Welcome", "position": 1})
    assert response.status_code == status
    assert bulletin.sections.exists() is (who == "staff")
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("published", "status"), [(True, 200), (False, 404)])
def test_the_public_read_published_bulletins_with_their_sections_and_never_drafts(client, area, published, status):
    bulletin = BulletinFactory(force_area=area, audience=[area], published=published)
    BulletinSectionFactory(bulletin=bulletin, heading="Welcome")
    response = client.get(bulletin.get_absolute_url())
    assert response.status_code == status
    assert get_pdf(client, reverse("partners:bulletin_pdf", kwargs={"pk": bulletin.pk})).status_code in {status, 403}


def test_an_article_cannot_be_put_in_another_bulletins_section(client, staff_user, area):
    bulletin = BulletinFactory(force_area=area, audience=[area])
    BulletinSectionFactory(bulletin=bulletin, heading="Ours")
    foreign = BulletinSectionFactory(bulletin=BulletinFactory(force_area=area), heading="Theirs")
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:bulletin_article_add", kwargs={"pk": bulletin.pk}),
        {"section": foreign.pk, "title": "Stray", "body": "Text.", "position": 1},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not bulletin.articles.exists() and not foreign.articles.exists()


def test_a_section_holding_articles_is_not_removed_with_them(client, staff_user, area):
    bulletin = BulletinFactory(force_area=area, audience=[area])
    full = BulletinSectionFactory(bulletin=bulletin, heading="News update")
    BulletinArticleFactory(bulletin=bulletin, section=full)
    empty = BulletinSectionFactory(bulletin=bulletin, heading="Welcome")
    client.force_login(staff_user)
    response = client.post(reverse("partners:bulletin_section_delete", kwargs={"pk": full.pk}), follow=True)
    assert "still holds 1 article" in response.content.decode()
    assert BulletinSection.objects.filter(pk=full.pk).exists()
    client.post(reverse("partners:bulletin_section_delete", kwargs={"pk": empty.pk}))
    assert not BulletinSection.objects.filter(pk=empty.pk).exists()


def test_a_sign_off_without_words_is_refused_and_nothing_saved(client, staff_user, area):
    bulletin = BulletinFactory(force_area=area, audience=[area])
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:bulletin_section_add", kwargs={"pk": bulletin.pk}),
        {"kind": "sign_off", "heading": "", "body": " ", "position": 1},
    )
    assert response.status_code == 200
    assert "Write the sign-off" in response.content.decode()
    assert not bulletin.sections.exists()


def test_existing_bulletins_move_into_guest_articles_and_news_and_notes_sections():
    from importlib import import_module

    migration = import_module("partners.migrations.0004_bulletin_articles_into_sections")
    bulletin = BulletinFactory()
    guest = BulletinArticleFactory(bulletin=bulletin, guest=True, position=1)
    note = BulletinArticleFactory(bulletin=bulletin, position=2)
    untouched = BulletinFactory()
    migration.articles_into_sections(apps, None)
    migration.articles_into_sections(apps, None)  # running twice changes nothing
    sections = list(bulletin.sections.order_by("position"))
    assert [s.heading for s in sections] == ["Guest articles", "News and notes"]
    assert list(sections[0].articles.all()) == [guest] and list(sections[1].articles.all()) == [note]
    assert not untouched.sections.exists()


def test_a_bulletin_written_only_in_sections_can_be_published_and_an_empty_one_cannot(area):
    from django.core.exceptions import ValidationError

    from partners.services import bulletin_publish

    empty = BulletinFactory(audience=[area], introduction="")
    BulletinSectionFactory(bulletin=empty, heading="Welcome", body="", position=1)
    with pytest.raises(ValidationError, match="Write an introduction, a section's text or at least one article"):
        bulletin_publish(bulletin=empty)
    written = BulletinFactory(audience=[area], introduction="")
    BulletinSectionFactory(bulletin=written, heading="Welcome", body="Our first issue.", position=1)
    assert bulletin_publish(bulletin=written).status == Bulletin.Status.PUBLISHED
