"""A visitor opens an area's transparency page and finds every register, its last-updated date and the scorecard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.panels.factories import PanelFactory
from transparency.models import PublicationEntry
from transparency.schedule import SCHEDULE

from .factories import (
    ContractFactory,
    DecisionFactory,
    GiftFactory,
    InspectionReportFactory,
    InterestFactory,
    SpendItemFactory,
    funding_decision,
)

pytestmark = pytest.mark.django_db


def _page(client, area):
    return client.get(reverse("transparency:area", kwargs={"code": area.code}))


def test_visitor_finds_every_register_with_last_updated_dates_and_the_scorecard(client, area):
    today = timezone.localdate()
    DecisionFactory(force_area=area)
    InterestFactory(force_area=area)
    GiftFactory(force_area=area)
    ContractFactory(force_area=area)
    SpendItemFactory(upload__force_area=area)
    response = _page(client, area)
    assert response.status_code == 200
    html = response.content.decode()
    for label in [
        "Decisions of significant public interest",
        "Register of interests",
        "Register of gifts and hospitality",
        "Spending over £500",
        "Contracts over £10,000",
    ]:
        assert label in html
    statuses = {s.publication_class.key: s for s in response.context["statuses"]}
    for key in ("decisions", "interests", "gifts", "spend", "contracts"):
        assert statuses[key].last_published == today
        assert statuses[key].is_current
    assert html.count(f'datetime="{today:%Y-%m-%d}"') >= 5
    scorecard = response.context["scorecard"]
    assert (scorecard.current, scorecard.total) == (5, len(SCHEDULE))
    assert f"{scorecard.percent}%" in html
    assert f"5 of {len(SCHEDULE)} classes" in html
    for url_name in ["decision_list", "interest_list", "gift_list", "spend_list", "contract_list"]:
        url = reverse(f"transparency:{url_name}", kwargs={"code": area.code})
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_a_class_entered_long_ago_is_out_of_date_and_lowers_the_scorecard(client, area):
    PublicationEntry.objects.create(
        force_area=area,
        publication_class="complaints",
        last_published_on=timezone.localdate() - datetime.timedelta(days=200),
    )
    PublicationEntry.objects.create(force_area=area, publication_class="budget", last_published_on=timezone.localdate())
    response = _page(client, area)
    statuses = {s.publication_class.key: s for s in response.context["statuses"]}
    assert statuses["complaints"].status_label == "Out of date"
    assert statuses["budget"].status_label == "Current"
    assert response.context["scorecard"].current == 1
    assert "Out of date" in response.content.decode()


def test_unknown_area_is_404(client, db):
    assert client.get("/transparency/nowhere/").status_code == 404


def test_decisions_register_includes_commissioning_funding_decisions(client, area, other_area):
    DecisionFactory(force_area=area, title="Issue the Police and Crime Plan")
    funding_decision(area, title="Victim befriending pilot")
    funding_decision(other_area, title="Someone else's project")
    response = client.get(reverse("transparency:decision_list", kwargs={"code": area.code}))
    html = response.content.decode()
    assert "Issue the Police and Crime Plan" in html
    assert "Victim befriending pilot" in html
    assert "Funding decision" in html
    assert "Someone else" not in html


def test_unpublished_funding_decision_stays_out_of_the_register(client, area):
    funding_decision(area, title="Quiet project", is_published=False)
    response = client.get(reverse("transparency:decision_list", kwargs={"code": area.code}))
    assert "Quiet project" not in response.content.decode()


def test_public_sees_only_published_items(client, area):
    DecisionFactory(force_area=area, title="Published one")
    draft = DecisionFactory(force_area=area, title="Draft one", draft=True)
    InterestFactory(force_area=area, description="Hidden interest", is_published=False)
    ContractFactory(force_area=area, title="Hidden contract", is_published=False)
    html = client.get(reverse("transparency:decision_list", kwargs={"code": area.code})).content.decode()
    assert "Published one" in html and "Draft one" not in html
    assert "Hidden interest" not in client.get(f"/transparency/{area.code}/interests/").content.decode()
    assert "Hidden contract" not in client.get(f"/transparency/{area.code}/contracts/").content.decode()
    assert "Hidden contract" not in client.get(f"/transparency/{area.code}/contracts.csv").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "role", ["panel_secretariat", "panel_member", "partner", "successor_officer", "other_area_staff"]
)
def test_other_roles_read_published_items_but_not_drafts(client, area, other_area, role):
    if role == "other_area_staff":
        user = UserFactory(opcc_staff=True, areas=[other_area])
    else:
        user = UserFactory(**{role: True}, areas=[area])
    published = DecisionFactory(force_area=area)
    draft = DecisionFactory(force_area=area, draft=True)
    client.force_login(user)
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("transparency:manage", kwargs={"code": area.code})).status_code == 404


def test_area_staff_and_administrator_see_drafts(client, area, staff_user, admin_user):
    draft = DecisionFactory(force_area=area, draft=True)
    for user in (staff_user, admin_user):
        client.force_login(user)
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Not published" in response.content.decode()


def test_exempt_part_is_never_shown_to_the_public(client, area, staff_user, partner_user):
    decision = DecisionFactory(
        force_area=area, exempt_part="Bidder prices: Acme £401,000", exempt_reason="Commercially sensitive"
    )
    for user in (None, partner_user):
        if user:
            client.force_login(user)
        html = client.get(decision.get_absolute_url()).content.decode()
        assert "Commercially sensitive" in html
        assert "Acme £401,000" not in html
    client.force_login(staff_user)
    assert "Acme £401,000" in client.get(decision.get_absolute_url()).content.decode()


def test_inspection_page_shows_response_and_due_date(client, area):
    report = InspectionReportFactory(
        force_area=area,
        title="PEEL 2026",
        published_on=datetime.date(2026, 1, 10),
        response="We **welcome** it.<script>alert(1)</script>",
        response_published_on=datetime.date(2026, 2, 20),
    )
    html = client.get(f"/transparency/{area.code}/inspections/").content.decode()
    assert "PEEL 2026" in html
    assert "7 March 2026" in html  # 10 January + 56 days
    assert "<strong>welcome</strong>" in html
    assert "<script>alert(1)" not in html
    assert report.response_due_on == datetime.date(2026, 3, 7)


def test_overdue_hmicfrs_response_makes_the_class_out_of_date(client, area):
    InspectionReportFactory(force_area=area, published_on=timezone.localdate() - datetime.timedelta(days=57))
    statuses = {s.publication_class.key: s for s in _page(client, area).context["statuses"]}
    assert statuses["hmicfrs"].status_label == "Out of date"
    assert statuses["hmicfrs"].overdue_responses == 1


def test_panel_page_shows_the_areas_scorecard(client, area, panel_member_user):
    panel = PanelFactory(force_area=area)
    InterestFactory(force_area=area)
    client.force_login(panel_member_user)
    response = client.get(reverse("panels:panel_detail", kwargs={"pk": panel.pk}))
    html = response.content.decode()
    assert "Transparency scorecard" in html
    assert f"1 of {len(SCHEDULE)} classes" in html
    assert reverse("transparency:area", kwargs={"code": area.code}) in html


def test_transparency_is_in_the_public_links(client, area):
    assert 'href="/transparency/"' in client.get("/").content.decode()
    assert area.name in client.get("/transparency/").content.decode()
