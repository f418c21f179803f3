"""Programme dates, statutory milestones, workstream RAG and its history, risks, deadlines and escalation."""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.deadlines.factories import CalendarFeedFactory
from transition.models import Milestone, TransitionProgramme, Workstream
from transition.services import escalate_unassigned, milestones_sync_statutory

from .factories import MilestoneFactory, ProgrammeFactory, RiskFactory, TransferItemFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


def _statutory(programme):
    return dict(programme.milestones.exclude(statutory_key="").values_list("statutory_key", "due_on"))


def test_statutory_milestones_of_2012_follow_the_election_and_transfer_dates(area):
    programme = ProgrammeFactory(
        force_area=area,
        kind=TransitionProgramme.Kind.PA_TO_PCC,
        election_date=datetime.date(2012, 11, 15),
        transfer_date=datetime.date(2012, 11, 22),
    )
    milestones_sync_statutory(programme=programme)
    dates = _statutory(programme)
    assert dates["election"] == datetime.date(2012, 11, 15)
    assert dates["taking-office"] == datetime.date(2012, 11, 22)
    assert dates["first-plan"] == datetime.date(2013, 3, 31)
    assert dates["last-precept-issued"] == datetime.date(2012, 3, 1)
    assert "panel-last-meeting" not in dates  # panels began with PCCs


def test_creating_a_programme_through_the_page_computes_statutory_milestones(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:programme_create", kwargs={"code": area.code}),
        {
            "name": "Transfer 2028",
            "kind": "pcc_to_board",
            "outgoing_body": "Police and Crime Commissioner for Leicestershire",
            "successor_name": "Leicestershire Policing and Crime Board",
            "successor_kind": "policing_and_crime_board",
            "transfer_date": "2028-05-08",
            "status": "planning",
        },
    )
    assert response.status_code == 302
    programme = TransitionProgramme.objects.get()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Police and crime panel&#x27;s last meeting" in page and "Statutory" in page
    assert _statutory(programme)["last-precept-proposed"] == datetime.date(2028, 2, 1)
    assert _statutory(programme)["first-plan"] == datetime.date(2029, 3, 31)


def test_moving_the_transfer_date_moves_statutory_milestones_without_duplicating(client, staff_user, area):
    programme = ProgrammeFactory(force_area=area)
    milestones_sync_statutory(programme=programme)
    count = programme.milestones.count()
    client.force_login(staff_user)
    data = {
        "name": programme.name,
        "kind": programme.kind,
        "outgoing_body": programme.outgoing_body,
        "successor_name": programme.successor_name,
        "successor_kind": programme.successor_kind,
        "transfer_date": "2028-06-01",
        "status": "active",
    }
    assert client.post(reverse("transition:programme_edit", kwargs={"pk": programme.pk}), data).status_code == 302
    assert programme.milestones.count() == count
    assert _statutory(programme)["panel-last-meeting"] == datetime.date(2028, 5, 31)


def test_election_after_transfer_is_a_form_error_and_saves_nothing(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:programme_create", kwargs={"code": area.code}),
        {
            "name": "Bad dates",
            "kind": "pcc_to_mayor",
            "outgoing_body": "PCC",
            "successor_name": "Mayor",
            "successor_kind": "mayor",
            "election_date": "2028-06-01",
            "transfer_date": "2028-05-08",
            "status": "planning",
        },
    )
    assert response.status_code == 200
    assert "The election must be on or before the transfer date" in response.content.decode()
    assert not TransitionProgramme.objects.exists() and not Milestone.objects.exists()


def test_board_must_be_a_transition_board_of_the_area(client, staff_user, area, other_area):
    from tests.partners.factories import PartnershipFactory

    board = PartnershipFactory(force_area=other_area, kind="transition_board")
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:programme_create", kwargs={"code": area.code}),
        {
            "name": "Wrong board",
            "kind": "pcc_to_mayor",
            "outgoing_body": "PCC",
            "successor_name": "Mayor",
            "successor_kind": "mayor",
            "transfer_date": "2028-05-08",
            "status": "planning",
            "board": board.pk,
        },
    )
    assert response.status_code == 200 and not TransitionProgramme.objects.exists()


def test_amber_needs_a_reason_and_each_change_is_shown_in_the_history(client, staff_user, programme):
    workstream = WorkstreamFactory(programme=programme, name="Finance and precept")
    client.force_login(staff_user)
    url = reverse("transition:workstream_detail", kwargs={"pk": workstream.pk})
    response = client.post(url, {"rag": "amber", "rag_reason": ""})
    assert "Give the reason for an amber or red status" in response.content.decode()
    workstream.refresh_from_db()
    assert workstream.rag == "not_started" and not workstream.status_changes.exists()
    client.post(url, {"rag": "amber", "rag_reason": "Precept consultation late"})
    client.post(url, {"rag": "green", "rag_reason": ""})
    page = client.get(url).content.decode()
    assert "Not started → Amber: at risk" in page and "Precept consultation late" in page
    assert "Amber: at risk → Green: on track" in page
    assert Workstream.objects.get(pk=workstream.pk).status_changes.count() == 2


def test_risk_heat_map_writes_counts_and_scores_and_has_a_table(client, staff_user, programme):
    RiskFactory(programme=programme, likelihood=5, impact=4, title="Precept not set")
    client.force_login(staff_user)
    page = client.get(reverse("transition:risk_list", kwargs={"pk": programme.pk})).content.decode()
    assert "<svg" in page and 'role="img"' in page and "H 20" in page
    assert "Likelihood 5" in page and '1 <span class="text-body-secondary">(High, 20)</span>' in page
    assert "style=" not in page.split("<main", 1)[1]


def test_risk_likelihood_out_of_range_is_a_form_error(client, staff_user, programme):
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:risk_create", kwargs={"pk": programme.pk}),
        {"kind": "risk", "title": "x", "cause": "c", "effect": "e", "likelihood": 6, "impact": 2, "status": "open"},
    )
    assert response.status_code == 200 and not programme.risks.exists()


def _soon(days):
    return timezone.localdate() + timedelta(days=days)


def test_milestones_and_risk_reviews_appear_in_whats_due_for_area_staff_and_owners(
    client, staff_user, other_area_staff, secretariat_user, successor_user, programme
):
    MilestoneFactory(programme=programme, title="Novate the victims contract", due_on=_soon(5))
    RiskFactory(programme=programme, title="Records retention", next_review_on=_soon(3))
    client.force_login(staff_user)
    page = client.get(reverse("deadlines:whats_due")).content.decode()
    assert "Novate the victims contract" in page and "Review risk: Records retention" in page
    for user in (other_area_staff, secretariat_user, successor_user):
        client.force_login(user)
        assert "Novate the victims contract" not in client.get(reverse("deadlines:whats_due")).content.decode()
    owned = MilestoneFactory(programme=programme, title="Successor signs the novation", due_on=_soon(6))
    owned.owner = successor_user
    owned.save()
    client.force_login(successor_user)
    page = client.get(reverse("deadlines:whats_due")).content.decode()
    assert "Successor signs the novation" in page and "Records retention" not in page


def test_milestones_and_risk_reviews_are_in_the_private_calendar_feed(client, staff_user, programme):
    MilestoneFactory(programme=programme, title="Novate the victims contract", due_on=_soon(5))
    RiskFactory(programme=programme, title="Records retention", next_review_on=_soon(3))
    feed = CalendarFeedFactory(user=staff_user)
    calendar = Calendar.from_ical(client.get(feed.get_absolute_url()).content)
    summaries = " ".join(str(c.get("summary")) for c in calendar.walk() if c.get("summary"))
    assert "Novate the victims contract" in summaries and "Records retention" in summaries


def test_panel_member_gets_milestones_as_calendar_events(client, panel_member_user, programme):
    MilestoneFactory(programme=programme, title="Panel's last meeting", due_on=_soon(10))
    feed = CalendarFeedFactory(user=panel_member_user)
    assert b"Panel's last meeting" in client.get(feed.get_absolute_url()).content


def test_rows_without_receiver_90_days_before_are_escalated_once_to_the_lead(area, staff_user):
    programme = ProgrammeFactory(force_area=area, lead=staff_user, transfer_date=_soon(80))
    TransferItemFactory(programme=programme, title="No receiver")
    TransferItemFactory(programme=programme, to_successor=True)
    assert escalate_unassigned(programme_id=programme.pk) is True
    assert escalate_unassigned(programme_id=programme.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff_user.email]
    assert "1 register row without a receiving body" in mail.outbox[0].subject
    assert f"/transition/{programme.pk}/register/" in mail.outbox[0].body


def test_no_escalation_earlier_than_90_days_or_when_every_row_has_a_receiver(area, staff_user):
    early = ProgrammeFactory(force_area=area, lead=staff_user, transfer_date=_soon(120))
    TransferItemFactory(programme=early)
    done = ProgrammeFactory(force_area=area, lead=staff_user, transfer_date=_soon(30))
    TransferItemFactory(programme=done, to_successor=True)
    assert escalate_unassigned(programme_id=early.pk) is False
    assert escalate_unassigned(programme_id=done.pk) is False
    assert mail.outbox == []


def test_readiness_shows_shares_days_overdue_and_day_one_checklist(client, staff_user, programme, workstream):
    TransferItemFactory(programme=programme, workstream=workstream, to_successor=True, status="agreed")
    TransferItemFactory(programme=programme, workstream=workstream, to_successor=True, status="transferred")
    TransferItemFactory(programme=programme, workstream=workstream, title="Data sharing agreement", due_on=_soon(-3))
    TransferItemFactory(programme=programme, title="Complaints case files", day_one_critical=True)
    client.force_login(staff_user)
    page = client.get(reverse("transition:readiness", kwargs={"pk": programme.pk})).content.decode()
    assert "50%</span> have a named receiver (2 of 4)" in page
    assert "Commissioning and grants" in page and "67%" in page  # 2 of 3 named in the workstream
    assert "Data sharing agreement" in page.split("<h2>Overdue</h2>")[1].split("<h2>")[0]
    assert "Not ready:</span> <a" in page and "Complaints case files" in page
    assert "days</strong> to transfer" in page


def test_daily_task_escalates_each_programme_due_once(area, staff_user):
    from transition.tasks import escalate_due_programmes

    programme = ProgrammeFactory(force_area=area, lead=staff_user, transfer_date=_soon(60))
    TransferItemFactory(programme=programme)
    ProgrammeFactory(force_area=area, lead=staff_user, transfer_date=_soon(200))
    assert escalate_due_programmes() == 1
    assert escalate_due_programmes() == 0
    assert len(mail.outbox) == 1
