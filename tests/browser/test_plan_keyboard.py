"""A long plan version by keyboard: skip links reach a section's comment form in a few presses, and a
quoted passage that is not in the section brings the section's text beside the form."""

import io

import pytest
from django.apps import apps
from playwright.sync_api import expect

from pcc_portal.accounts.demo import DEMO_PASSWORD
from plans.models import Plan, PlanVersion
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.layout import assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def shared_draft():
    for label in ("accounts", "partners", "plans"):
        apps.get_app_config(label).load_demo(stdout=io.StringIO())
    plan = Plan.objects.get(title="Police and Crime Plan 2013–2017")
    source = plan.versions.get(number=2)
    draft = PlanVersion.objects.create(plan=plan, number=3, label="Variation draft")
    for section in source.sections.all():
        section.pk, section.version = None, draft
        section.save()
    PlanVersion.objects.filter(pk=draft.pk).update(status=PlanVersion.Status.SHARED, shared_at=source.issued_at)
    return draft


def test_skip_links_reach_the_last_sections_comment_form_quickly(page, live_server, axe, shared_draft):
    sign_in(page, live_server, "member@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    last = shared_draft.sections.order_by("position", "pk").last()
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{shared_draft.get_absolute_url()}")
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)

    # By keyboard from the top: skip to the main content, Tab to the last section in the contents,
    # open it, and its first link skips past the text and the comments to the form.
    page.goto(f"{live_server.url}{shared_draft.get_absolute_url()}")
    presses = 2
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    link = page.get_by_role("navigation", name="Contents").get_by_role("link", name=last.heading)
    while presses < 60 and not link.evaluate("el => el === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(f"#section-{last.key}").get_by_role("link", name="Skip to the comment form")).to_be_focused()
    page.keyboard.press("Enter")
    presses += 3
    body = page.locator(f"#id_s{last.pk}-body")
    expect(body).to_be_focused()
    expect(page.locator(f"#comment-form-{last.pk}")).to_have_attribute("open", "")
    # 37 Tab presses before the skip links; 21 with them (11 sections).
    assert presses <= 25, f"{presses} key presses"

    # Within a section, its own skip link jumps past the text and the comments to the form.
    first = shared_draft.sections.order_by("position", "pk").first()
    page.locator(f"#section-{first.key}").get_by_role("link", name="Skip to the comment form").click()
    expect(page.locator(f"#id_s{first.pk}-body")).to_be_focused()


def test_quote_not_in_the_section_keeps_the_section_text_beside_the_form(page, live_server, axe, shared_draft):
    sign_in(page, live_server, "member@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    section = shared_draft.sections.get(key="equality")
    page.goto(f"{live_server.url}{shared_draft.get_absolute_url()}")
    page.locator(f"#section-{section.key}").get_by_role("link", name="Skip to the comment form").click()
    form = page.locator(f"#comment-form-{section.pk}")
    form.get_by_label("Passage you are commenting on (optional)").fill("words that are not in this section")
    form.get_by_label("Your comment").fill("Which assessment?")
    form.get_by_role("button", name="Add comment").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The quoted passage is not in this section")
    text = page.get_by_role("region", name=f"The text of “{section.heading}”")
    expect(text).to_contain_text("equality impact assessment")
    expect(page.get_by_label("Your comment")).to_have_value("Which assessment?")
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)
    assert not shared_draft.comments.exists()

    # Copy the right words from the text beside the form, and the comment is saved.
    page.get_by_label("Passage you are commenting on (optional)").fill("equality impact assessment")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Comment added.")).to_be_visible()
    assert shared_draft.comments.get().quote == "equality impact assessment"
