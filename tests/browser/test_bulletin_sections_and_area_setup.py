"""A bulletin written in named sections, and a new force area set up by an administrator:
no axe violations and no sideways scroll, at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from partners.models import Bulletin, OrganisationType
from pcc_portal.accounts.models import ForceArea, User
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.partners.factories import (
    BulletinArticleFactory,
    BulletinFactory,
    BulletinSectionFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_add_a_named_section_and_the_bulletin_shows_it(page, live_server, axe, staff_user, area, width):
    publisher = OrganisationFactory(name="OPCC for Leicestershire", org_type=OrganisationType.OPCC, areas=[area])
    bulletin = BulletinFactory(
        publisher=publisher, force_area=area, audience=[area], issue_label="Issue 12", date_label="Spring 2024"
    )
    news = BulletinSectionFactory(bulletin=bulletin, heading="News update", position=2)
    BulletinArticleFactory(
        bulletin=bulletin, section=news, title="Funding round opens", body="See [the guidance](https://example.org/)."
    )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, staff_user.email, PASSWORD)

    page.goto(f"{live_server.url}/partners/bulletins/{bulletin.pk}/sections/new/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a section")
    assert_no_axe_violations(axe, page)
    _no_sideways_scroll(page)
    page.get_by_label("Heading").fill("Welcome")
    page.get_by_label("Body").fill("Welcome to issue 12.")
    page.get_by_label("Position").fill("1")
    page.get_by_role("button", name="Add section").click()
    expect(page.get_by_text("Section added.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Issue 12 – Spring 2024")
    expect(page.get_by_role("heading", level=2, name="Welcome")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="News update")).to_be_visible()
    expect(page.get_by_role("link", name="the guidance")).to_have_attribute("href", "https://example.org/")
    assert_no_axe_violations(axe, page)
    _no_sideways_scroll(page)

    for path, heading in [
        (f"/partners/bulletins/{bulletin.pk}/edit/", "Edit"),
        ("/partners/bulletins/new/from-word/", "Start a bulletin from a Word file"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_no_axe_violations(axe, page)
        _no_sideways_scroll(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_read_a_bulletin_in_sections(page, live_server, axe, area, width):
    bulletin = BulletinFactory(published=True, audience=[area], issue_label="Issue 12")
    welcome = BulletinSectionFactory(bulletin=bulletin, heading="Welcome", body="Hello.", position=1)
    BulletinArticleFactory(bulletin=bulletin, section=welcome, title="From the Commissioner", guest=True)
    BulletinSectionFactory(bulletin=bulletin, sign_off=True, position=2)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{bulletin.get_absolute_url()}")
    expect(page.get_by_role("heading", level=2, name="Welcome")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="From the Commissioner")).to_be_visible()
    expect(page.get_by_text("With best wishes, the PCC.")).to_be_visible()
    assert_no_axe_violations(axe, page)
    _no_sideways_scroll(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_administrator_sets_up_a_force_area_on_one_page(page, live_server, axe, admin_user, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, admin_user.email, PASSWORD)
    page.goto(f"{live_server.url}/panels/areas/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a force area")
    assert_no_axe_violations(axe, page)
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Set up the area and send the invitations").click()
    expect(page.get_by_text("Choose the council that hosts the panel, or name a new one.")).to_be_visible()
    assert_no_axe_violations(axe, page)
    page.get_by_label("Name of the force area").fill("Dyfed-Powys")
    page.get_by_label("Short code").fill("dyfed-powys")
    page.get_by_label("Nation").select_option(label="Wales")
    page.get_by_label("Or a new council: its name").fill("Carmarthenshire County Council")
    page.get_by_label("The new council's type").select_option(label="Unitary council")
    page.get_by_label("Name of the panel").fill("Dyfed-Powys Police and Crime Panel")
    person = page.get_by_role("group", name="Person 1")
    person.get_by_label("Full name").fill("Rhian Evans")
    person.get_by_label("Email address").fill("rhian.evans@opcc.example.org")
    page.get_by_role("button", name="Set up the area and send the invitations").click()
    expect(page.get_by_text("Dyfed-Powys is set up with its panel.")).to_be_visible()
    assert ForceArea.objects.filter(code="dyfed-powys", panel__name="Dyfed-Powys Police and Crime Panel").exists()
    assert User.objects.filter(email="rhian.evans@opcc.example.org", force_areas__code="dyfed-powys").exists()
    assert not Bulletin.objects.exists()
