"""Schedule 6 checks, the balanced appointment report, the seat model, and the demo data."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from panels.models import Membership, Panel
from panels.selectors import balanced_appointment, composition_warnings
from partners.models import OrganisationType
from pcc_portal.accounts.models import User
from tests.panels.factories import MembershipFactory, PanelFactory
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2014, 9, 29)


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


def test_panel_short_of_councillors_and_co_opted_members_is_warned(panel):
    MembershipFactory(panel=panel)
    warnings = composition_warnings(panel, on=TODAY)
    assert "The panel has 1 councillor members; it should have 10." in warnings
    assert "The panel has 0 co-opted members; it should have 2." in warnings


def test_area_with_more_than_ten_councils_needs_one_councillor_per_council(panel):
    for _ in range(12):
        OrganisationFactory(council=True, areas=[panel.force_area])
    assert any("it should have 13." in w for w in composition_warnings(panel, on=TODAY))  # 12 plus the host


def test_council_without_a_member_is_named(panel):
    OrganisationFactory(council=True, name="Melton Borough Council", areas=[panel.force_area])
    assert any(
        "No councillor member from: " in w and "Melton Borough Council" in w
        for w in composition_warnings(panel, on=TODAY)
    )


def test_commissioner_and_barred_co_optees_are_warned(panel):
    MembershipFactory(panel=panel, co_opted=True, full_name="Sir Clive", bar=Membership.Bar.COMMISSIONER)
    MembershipFactory(panel=panel, co_opted=True, full_name="A Constable", bar=Membership.Bar.POLICE_STAFF)
    MembershipFactory(panel=panel, co_opted=True, full_name="A Councillor", bar=Membership.Bar.AREA_COUNCILLOR)
    warnings = composition_warnings(panel, on=TODAY)
    assert "Sir Clive is the Commissioner and cannot sit on the panel." in warnings
    assert "A Constable may not be co-opted: member of police staff or a police officer." in warnings
    assert "A Councillor is a councillor in the area and may not be a co-opted member." in warnings


def test_demo_leicestershire_panel_meets_schedule_6(demo):
    panel = Panel.objects.get(force_area__code="leicestershire")
    assert composition_warnings(panel, on=TODAY) == []
    assert panel.memberships.filter(kind="councillor").count() == 10
    assert panel.memberships.filter(kind="co_opted").count() == 2
    assert panel.host_authority.name == "Leicestershire County Council"
    assert panel.secretariat.filter(email="secretariat@demo.pcc-portal.org.uk").exists()
    assert panel.memberships.filter(user__email="member@demo.pcc-portal.org.uk").exists()


def test_demo_west_midlands_panel_of_twelve_plus_two_hosted_by_birmingham(demo):
    panel = Panel.objects.get(force_area__code="west-midlands")
    assert panel.host_authority.name == "Birmingham City Council"
    assert "Dudley" in panel.lead_adviser
    assert panel.memberships.filter(kind="councillor").count() == 12
    assert panel.memberships.filter(kind="co_opted").count() == 2
    assert composition_warnings(panel, on=TODAY) == []


def test_demo_loads_twice_without_duplicates(demo):
    from panels.demo import load

    counts = (Panel.objects.count(), Membership.objects.count(), User.objects.count())
    load(stdout=type("Quiet", (), {"write": lambda *a: None})())
    assert (Panel.objects.count(), Membership.objects.count(), User.objects.count()) == counts


def test_demo_meeting_of_29_september_2014_is_public_with_agenda_item_5(client, demo):
    response = client.get(reverse("panels:meeting_list"))
    assert "Monday 29 September 2014" in response.text
    panel = Panel.objects.get(force_area__code="leicestershire")
    meeting = panel.meetings.get()
    page = client.get(meeting.get_absolute_url()).text
    assert "Partnerships update report" in page
    assert "staff consultation" not in page  # the exempt item


def test_balanced_appointment_compares_seats_with_population_and_parties(demo):
    panel = Panel.objects.get(force_area__code="leicestershire")
    balance = balanced_appointment(panel, on=TODAY)
    county = next(row for row in balance["councils"] if row.name == "Leicestershire County Council")
    councils = panel.force_area.organisations.filter(org_type__in=OrganisationType.councils())
    total = sum(c.population for c in councils)
    expected_share = Decimal(650_489 * 100 / total).quantize(Decimal("0.1"))
    assert (county.seats, county.seat_share, county.population_share) == (1, Decimal("10.0"), expected_share)
    labour = next(row for row in balance["parties"] if row.party == "Labour")
    assert labour.panel_seats == 1
    assert labour.council_share > labour.panel_share


def test_balance_page_models_seats_and_explains_a_bad_size(client, demo):
    user = User.objects.get(email="secretariat@demo.pcc-portal.org.uk")
    panel = Panel.objects.get(force_area__code="leicestershire")
    client.force_login(user)
    url = reverse("panels:panel_balance", kwargs={"pk": panel.pk})
    page = client.get(url, {"size": 20}).text
    assert "Proposed allocation" in page
    bad = client.get(url, {"size": 5}).text
    assert "cannot give each of 10 councils a seat" in bad
    assert "Proposed allocation" not in bad


def test_demo_uses_the_plans_demo_draft_when_it_exists(db):
    from panels.demo import load
    from panels.models import PanelReport
    from pcc_portal.accounts.demo import load as load_accounts
    from pcc_portal.accounts.models import ForceArea
    from plans.models import Plan, PlanVersion

    quiet = type("Quiet", (), {"write": lambda *a: None})()
    load_accounts(stdout=quiet)
    plan = Plan.objects.create(
        force_area=ForceArea.objects.get(code="leicestershire"),
        title="Police and Crime Plan 2013–2017",
        period_start=datetime.date(2013, 4, 1),
        period_end=datetime.date(2017, 3, 31),
        commissioner="Sir Clive Loader",
    )
    version = PlanVersion.objects.create(plan=plan, number=1, label="January 2013 draft", status="shared")
    load(stdout=quiet)
    assert PanelReport.objects.get().plan_version == version
    assert Plan.objects.count() == 1


def test_nav_and_dashboard_show_panels_to_panel_roles_only(client, demo):
    from panels.models import Meeting

    Meeting.objects.update(starts_at=datetime.datetime(2040, 9, 29, 13, tzinfo=datetime.UTC), papers_published_on=None)
    client.force_login(User.objects.get(email="secretariat@demo.pcc-portal.org.uk"))
    page = client.get("/dashboard/").text
    assert 'href="/panels/"' in page
    assert "Police and Crime Panel" in page
    assert "Papers due by" in page
    client.force_login(User.objects.get(email="partner@demo.pcc-portal.org.uk"))
    page = client.get("/dashboard/").text
    assert 'href="/panels/"' not in page
    assert "Papers due by" not in page


def test_members_see_the_draft_plan_shared_with_the_panel_and_partners_do_not(client, demo):
    panel = Panel.objects.get(force_area__code="leicestershire")
    client.force_login(User.objects.get(email="member@demo.pcc-portal.org.uk"))
    assert "January 2013 draft" in client.get(panel.get_absolute_url()).text
    client.force_login(User.objects.get(email="partner@demo.pcc-portal.org.uk"))
    assert "January 2013 draft" not in client.get(panel.get_absolute_url()).text
