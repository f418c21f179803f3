"""Plans pages in a real browser: no axe violations; a selected passage becomes the comment's quote."""

import io

import pytest
from django.apps import apps
from playwright.sync_api import expect

from pcc_portal.accounts.demo import DEMO_PASSWORD
from plans.models import Plan, PlanVersion
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plan():
    for label in ("accounts", "partners", "plans"):
        apps.get_app_config(label).load_demo(stdout=io.StringIO())
    return Plan.objects.get(title="Police and Crime Plan 2013–2017")


def _check(page, axe, url: str, heading: str) -> None:
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert heading in page.get_by_role("heading", level=1).inner_text()
    assert_no_axe_violations(axe, page)


def test_staff_pages_have_no_axe_violations(page, live_server, axe, demo_plan):
    errors = []
    page.on(
        "console",
        lambda message: errors.append(f"{message.text} {message.location}") if message.type == "error" else None,
    )
    sign_in(page, live_server, "staff@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    january, march = demo_plan.versions.order_by("number")
    base = live_server.url
    _check(page, axe, f"{base}/plans/", "Police and Crime Plans")
    _check(page, axe, f"{base}{demo_plan.get_absolute_url()}", "Police and Crime Plan 2013–2017")
    _check(page, axe, f"{base}{january.get_absolute_url()}", "January 2013 draft")
    _check(page, axe, f"{base}/plans/{demo_plan.pk}/compare/?old={january.pk}&new={march.pk}", "What changed")
    _check(page, axe, f"{base}/plans/versions/{january.pk}/history/", "History")
    _check(page, axe, f"{base}/plans/new/", "Start a new plan")
    _check(page, axe, f"{base}/dashboard/", "Your dashboard")
    from pcc_portal.accounts.models import User
    from plans.services import version_create_from

    staff = User.objects.get(email="staff@demo.pcc-portal.org.uk")
    draft = version_create_from(user=staff, source=march, label="Variation draft")
    _check(page, axe, f"{base}{draft.get_absolute_url()}", "Variation draft")
    _check(page, axe, f"{base}/plans/versions/{draft.pk}/section/add/", "Add a section")
    _check(page, axe, f"{base}/plans/versions/{draft.pk}/priority/add/", "Add a priority")
    _check(page, axe, f"{base}/plans/versions/{draft.pk}/objective/add/", "Add an objective")
    _check(page, axe, f"{base}/plans/versions/{january.pk}/timetable/", "Panel report and response")
    assert [e for e in errors if "favicon" not in e] == [], errors


def test_public_issued_plan_has_no_axe_violations(page, live_server, axe, demo_plan):
    march = demo_plan.versions.get(number=2)
    _check(page, axe, f"{live_server.url}/plans/issued/", "Issued Police and Crime Plans")
    _check(page, axe, f"{live_server.url}{march.get_absolute_url()}", "March 2013 revised")


def test_panel_member_selects_a_passage_and_comments_on_it(page, live_server, axe, demo_plan):
    draft = PlanVersion.objects.create(plan=demo_plan, number=3, label="Variation draft")
    source = demo_plan.versions.get(number=2)
    for section in source.sections.all():
        section.pk, section.version = None, draft
        section.save()
    PlanVersion.objects.filter(pk=draft.pk).update(status=PlanVersion.Status.SHARED, shared_at=source.issued_at)

    sign_in(page, live_server, "member@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    assert_no_axe_violations(axe, page)
    text = page.locator("#section-equality .plan-text p").nth(1)
    text.evaluate(
        """el => {
            const node = el.firstChild;
            const start = node.textContent.indexOf("equality impact assessment");
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + "equality impact assessment".length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            el.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }"""
    )
    form = page.locator("#comment-form-" + str(draft.sections.get(key="equality").pk))
    assert form.get_by_label("Passage you are commenting on (optional)").input_value() == "equality impact assessment"
    form.get_by_label("Your comment").fill("When will it be complete?")
    form.get_by_role("button", name="Add comment").click()
    page.wait_for_load_state()
    comment = draft.comments.get()
    assert comment.quote == "equality impact assessment"
    assert comment.quote_start is not None
    expect(page.get_by_text("When will it be complete?")).to_be_visible()
    expect(page.locator("#section-equality mark.quoted-passage")).to_have_text("equality impact assessment")
    assert_no_axe_violations(axe, page)
