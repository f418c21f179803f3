"""Each hit comes through the owning app's selector: nobody finds what they may not read."""

import io

import pytest

from panels.demo import load as load_panels
from partners.demo import load as load_partners
from pcc_portal.accounts.demo import load as load_accounts
from pcc_portal.accounts.models import ForceArea
from search.services import search_index_rebuild
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import GrantFactory
from tests.partners.factories import ContactFactory, OrganisationFactory
from tests.plans.factories import PlanFactory, PlanVersionFactory, SectionFactory
from tests.transition.factories import ProgrammeFactory, TransferItemFactory

URL = "/search/"
SECRET = "Quillwortshire"  # a word only in private records


def results(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return html


@pytest.fixture
def demo_panels(db):
    out = io.StringIO()
    load_accounts(stdout=out)
    load_partners(stdout=out)
    load_panels(stdout=out)
    search_index_rebuild()


def test_visitor_finds_the_lubbesthorpe_agenda_report_with_the_word_highlighted(client, demo_panels):
    from panels.models import AgendaReport

    report = AgendaReport.objects.get(report_date="2014-09-29")
    html = results(client, "Lubbesthorpe")
    assert f'href="{report.get_absolute_url()}"' in html
    assert "<mark>Lubbesthorpe</mark>" in html
    assert "29 September 2014" in html
    assert "Agenda report" in html


@pytest.fixture
def private_records(area, other_area, reindex):
    """Leicestershire's private records, each holding the secret word."""
    draft = PlanVersionFactory(plan=PlanFactory(force_area=area))
    SectionFactory(version=draft, heading="Draft priorities", body=f"Work in {SECRET} first.")
    GrantFactory(stream__force_area=area, is_published=False, purpose=f"Youth work in {SECRET}.")
    TransferItemFactory(programme=ProgrammeFactory(force_area=area), title=f"{SECRET} lease")
    reindex()


def test_other_area_staff_find_nothing_of_leicestershire_private_records(client, private_records, other_area_staff):
    client.force_login(other_area_staff)
    html = results(client, SECRET)
    assert "0 results" in html
    assert SECRET not in html.split("results for")[1].replace(f"“{SECRET}”", "")


def test_area_staff_find_their_own_private_records(client, private_records, staff_user):
    client.force_login(staff_user)
    html = results(client, SECRET)
    assert "3 results" in html
    assert "Draft priorities" in html and f"<mark>{SECRET}</mark> lease" in html


def test_visitor_never_finds_an_unpublished_plan_draft(client, private_records, area, reindex):
    html = results(client, SECRET)
    assert "0 results" in html
    issued = PlanVersionFactory(plan=PlanFactory(force_area=area), issued=True)
    SectionFactory(version=issued, heading="Issued priorities", body=f"Work in {SECRET} first.")
    reindex()
    html = results(client, SECRET)
    assert "1 result " in html and "Issued priorities" in html and "Draft priorities" not in html


def test_partner_never_finds_another_organisations_private_grant(client, area, reindex):
    mine, theirs = OrganisationFactory(areas=[area]), OrganisationFactory(areas=[area])
    GrantFactory(stream__force_area=area, recipient=theirs, is_published=False, title=f"{SECRET} outreach")
    GrantFactory(stream__force_area=area, recipient=mine, is_published=False, title="Own outreach")
    reindex()
    partner = UserFactory(partner=True, areas=[area])
    ContactFactory(organisation=mine, user=partner)
    client.force_login(partner)
    assert "0 results" in results(client, SECRET)
    assert "1 result " in results(client, "outreach")
    other = UserFactory(partner=True, areas=[area])
    ContactFactory(organisation=theirs, user=other)
    client.force_login(other)
    assert "1 result " in results(client, SECRET)


def test_published_grant_takes_a_visitor_to_the_public_register(client, area, reindex):
    grant = GrantFactory(stream__force_area=area, title=f"{SECRET} patrols")
    reindex()
    html = results(client, SECRET)
    assert f'href="/commissioning/register/{grant.pk}/"' in html


def test_filters_by_section_area_and_date(client, area, other_area, reindex):
    GrantFactory(stream__force_area=area, title=f"{SECRET} one", award_date="2013-03-28")
    GrantFactory(stream__force_area=other_area, title=f"{SECRET} two", award_date="2015-03-28")
    reindex()
    assert "2 results" in results(client, SECRET)
    assert "1 result " in results(client, SECRET, area=ForceArea.objects.get(pk=other_area.pk).pk)
    assert "1 result " in results(client, SECRET, date_from="2014-01-01")
    assert "0 results" in results(client, SECRET, section="panels")
    assert "2 results" in results(client, SECRET, section="commissioning")
    html = results(client, SECRET, date_from="2015-01-01", date_to="2014-01-01")
    assert "The end date must be on or after the start date." in html
