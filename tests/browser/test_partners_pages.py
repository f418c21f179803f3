import io

import pytest
from playwright.sync_api import expect

from partners import demo as partners_demo
from partners.models import Bulletin, Engagement, Organisation, Partnership, PartnershipMember
from pcc_portal.accounts import demo as accounts_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF = "staff@demo.pcc-portal.org.uk"
PARTNER = "partner@demo.pcc-portal.org.uk"


@pytest.fixture
def demo_data(transactional_db):
    accounts_demo.load(stdout=io.StringIO())
    partners_demo.load(stdout=io.StringIO())


def _sign_in(page, live_server, email):
    from tests.browser.conftest import sign_in

    sign_in(page, live_server, email, accounts_demo.DEMO_PASSWORD)


def _check(page, axe, url, heading):
    from tests.browser.conftest import assert_no_axe_violations

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text().startswith(heading)
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(axe, page)
    assert errors == []


def test_staff_partner_pages_have_no_axe_violations(page, live_server, axe, demo_data):
    _sign_in(page, live_server, STAFF)
    base = f"{live_server.url}/partners"
    spb = Partnership.objects.get(kind=Partnership.Kind.STRATEGIC_BOARD)
    engagement = Engagement.objects.filter(actions__isnull=False).first()
    council = Organisation.objects.get(name="Blaby District Council")
    draft = Bulletin.objects.get(number=1, publisher__name__startswith="Office of the Police")
    county = PartnershipMember.objects.get(partnership=spb, organisation__name="Leicestershire County Council")
    for url, heading in [
        (f"{base}/", "Partners"),
        (f"{base}/areas/leicestershire/", "Partners in Leicestershire"),
        (f"{base}/areas/leicestershire/landscape/", "Community Safety and Partnership Landscape"),
        (f"{base}/areas/leicestershire/partnerships/", "Partnerships and boards"),
        (f"{base}/partnerships/{spb.pk}/", spb.name),
        (f"{base}/areas/leicestershire/engagement/", "Engagement log"),
        (f"{live_server.url}{engagement.get_absolute_url()}", engagement.title),
        (f"{live_server.url}{council.get_absolute_url()}", council.name),
        (f"{base}/areas/leicestershire/import/", "Import organisations"),
        (f"{base}/areas/leicestershire/contacts/", "Contacts in Leicestershire"),
        (f"{live_server.url}{draft.get_absolute_url()}", "Partnerships Bulletin"),
        (f"{base}/bulletins/manage/", "Manage bulletins"),
        (f"{base}/organisations/{council.pk}/edit/", "Edit Blaby District Council"),
        (f"{base}/areas/leicestershire/engagement/new/", "Record or plan an engagement"),
        (f"{base}/areas/leicestershire/partnerships/new/", "Add a partnership"),
        (f"{base}/partnerships/{spb.pk}/members/", "Add a member"),
        (f"{base}/partnerships/members/{county.pk}/edit/", f"Edit Leicestershire County Council on {spb.name}"),
        (f"{base}/areas/leicestershire/?status=all", "Partners in Leicestershire"),
        (f"{base}/bulletins/new/", "Start a bulletin"),
        (f"{live_server.url}/dashboard/", "Your dashboard"),
    ]:
        _check(page, axe, url, heading)


def test_staff_change_a_board_member_and_remove_one_after_confirming(page, live_server, demo_data):
    _sign_in(page, live_server, STAFF)
    spb = Partnership.objects.get(kind=Partnership.Kind.STRATEGIC_BOARD)
    page.goto(f"{live_server.url}{spb.get_absolute_url()}")
    page.get_by_role("link", name="Edit Rutland County Council").click()
    page.get_by_label("Role").select_option(label="Vice-chair")
    page.get_by_role("button", name="Save member").click()
    expect(page.get_by_text("Rutland County Council saved as vice-chair.")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Remove Leicestershire Police").click()
    assert PartnershipMember.objects.filter(partnership=spb, organisation__name="Leicestershire Police").exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Leicestershire Police").click()
    expect(page.get_by_text(f"Leicestershire Police removed from {spb.name}.")).to_be_visible()
    assert not PartnershipMember.objects.filter(partnership=spb, organisation__name="Leicestershire Police").exists()


def test_filter_the_organisation_list_by_partnership_area(page, live_server, demo_data):
    _sign_in(page, live_server, STAFF)
    page.goto(f"{live_server.url}/partners/areas/leicestershire/")
    page.get_by_label("Partnership area").select_option(label="Health")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="West Leicestershire Clinical Commissioning Group")).to_be_visible()
    assert page.get_by_role("link", name="Blaby District Council").count() == 0


def test_public_bulletin_and_partner_edit_page_have_no_axe_violations(page, live_server, axe, demo_data):
    bulletin = Bulletin.objects.get(number=8, publisher__name="Home Office")
    _check(page, axe, f"{live_server.url}{bulletin.get_absolute_url()}", "PCC Bulletin")
    _check(page, axe, f"{live_server.url}/partners/bulletins/", "Bulletins")
    _sign_in(page, live_server, PARTNER)
    own = Organisation.objects.get(name="Voluntary Action Leicestershire")
    _check(page, axe, f"{live_server.url}/partners/organisations/{own.pk}/edit/", "Edit Voluntary Action")
    page.get_by_label("Website").fill("https://www.valonline.org.uk")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Organisation details saved.")).to_be_visible()
