"""Recording a confirmation hearing's outcome: who may, what is refused, what the calendar then shows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panels import services
from panels.models import ConfirmationHearing, VetoVote
from tests.accounts.factories import UserFactory
from tests.panels.factories import ConfirmationHearingFactory, MembershipFactory, PanelFactory

pytestmark = pytest.mark.django_db

NOTIFIED = datetime.date(2026, 1, 5)  # 3 weeks starting that day end on Sunday 25 January 2026


@pytest.fixture
def panel(area):
    panel = PanelFactory(force_area=area)
    MembershipFactory.create_batch(10, panel=panel)  # a veto needs 7 (two-thirds of 10, rounded up)
    return panel


@pytest.fixture
def hearing(panel):
    return ConfirmationHearingFactory(panel=panel, candidate="Rob Nixon", notified_on=NOTIFIED)


@pytest.fixture
def deputy_hearing(panel):
    return ConfirmationHearingFactory(
        panel=panel, post=ConfirmationHearing.Post.DEPUTY_PCC, candidate="Kirk Master", notified_on=NOTIFIED
    )


def _url(hearing):
    return reverse("panels:hearing_outcome", kwargs={"pk": hearing.pk})


def _calendar(hearing):
    return reverse("panels:calendar", kwargs={"pk": hearing.panel_id})


def _data(**overrides):
    data = {
        "reported_on": "2026-01-20",
        "recommendation": "The panel **supports** the appointment.\n\n<script>alert(1)</script>",
        "votes_for_veto": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


# Access -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretariat", "admin"])
def test_the_areas_secretariat_and_administrators_record_the_outcome(
    client, hearing, who, secretariat_user, admin_user
):
    _login(client, {"secretariat": secretariat_user, "admin": admin_user}[who])
    assert client.get(_url(hearing)).status_code == 200
    response = client.post(_url(hearing), _data(), follow=True)
    assert "Outcome recorded: the panel reported on 20 January 2026." in response.text
    hearing.refresh_from_db()
    assert hearing.reported_on == datetime.date(2026, 1, 20)
    assert not hearing.vetoed
    assert hearing.history.count() == 2


@pytest.mark.parametrize("who", ["member", "staff", "partner", "public", "other_secretariat", "other_staff"])
def test_everyone_else_gets_404_and_saves_nothing(
    client, hearing, who, panel_member_user, staff_user, partner_user, other_area, other_area_staff
):
    PanelFactory(force_area=other_area)
    user = {
        "member": panel_member_user,
        "staff": staff_user,
        "partner": partner_user,
        "public": None,
        "other_secretariat": UserFactory(panel_secretariat=True, areas=[other_area]),
        "other_staff": other_area_staff,
    }[who]
    _login(client, user)
    assert client.get(_url(hearing)).status_code == 404
    assert client.post(_url(hearing), _data()).status_code == 404
    hearing.refresh_from_db()
    assert hearing.reported_on is None
    assert hearing.recommendation == ""


def test_the_service_refuses_anyone_but_the_secretariat(hearing, staff_user):
    with pytest.raises(PermissionDenied):
        services.hearing_outcome_record(
            user=staff_user, hearing=hearing, reported_on=datetime.date(2026, 1, 20), recommendation="Supported."
        )


@pytest.mark.parametrize("who", ["member", "staff", "secretariat"])
def test_the_areas_members_and_opcc_staff_read_the_outcome_on_the_calendar(
    client, hearing, who, secretariat_user, panel_member_user, staff_user
):
    services.hearing_outcome_record(
        user=secretariat_user,
        hearing=hearing,
        reported_on=datetime.date(2026, 1, 20),
        recommendation="The panel **supports** the appointment.\n\n<script>alert(1)</script>",
    )
    _login(client, {"member": panel_member_user, "staff": staff_user, "secretariat": secretariat_user}[who])
    page = client.get(_calendar(hearing)).text
    assert "<strong>supports</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert 'Reported</dt><dd class="col-sm-8">20 January 2026' in page
    assert ("Change the outcome" in page) is (who == "secretariat")


@pytest.mark.parametrize("who", ["partner", "other_staff"])
def test_partners_and_other_areas_do_not_see_the_calendar(client, hearing, who, partner_user, other_area_staff):
    _login(client, {"partner": partner_user, "other_staff": other_area_staff}[who])
    assert client.get(_calendar(hearing)).status_code == 404


# The statutory period ---------------------------------------------------------------------------------------


def test_reporting_on_the_last_day_of_the_three_weeks_is_in_time(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(reported_on="2026-01-25"), follow=True)
    assert "Outcome recorded" in response.text
    assert "statutory period was exceeded" not in response.text
    assert "after the statutory period" not in response.text


def test_reporting_after_the_three_weeks_warns_that_the_period_was_exceeded(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(reported_on="2026-01-26"), follow=True)
    assert "The statutory period was exceeded: the panel had to report by Sunday 25 January 2026" in response.text
    assert "warning: after the statutory period" in response.text
    hearing.refresh_from_db()
    assert hearing.reported_late


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reported_on", "2026-01-04", "The panel cannot have reported before it was notified on 5 January 2026."),
        ("reported_on", "not a date", "Enter a valid date."),
        ("reported_on", "2999-01-01", "The report date cannot be in the future."),
        ("recommendation", "   ", "This field is required."),
        ("votes_for_veto", "-1", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_bad_input_shows_a_form_error_and_saves_nothing(client, hearing, secretariat_user, field, value, message):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(**{field: value}))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    hearing.refresh_from_db()
    assert (hearing.reported_on, hearing.recommendation) == (None, "")
    assert not VetoVote.objects.exists()


# Veto -------------------------------------------------------------------------------------------------------


def test_a_chief_constable_veto_by_two_thirds_is_recorded_with_its_vote(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(vetoed="on", votes_for_veto="7"), follow=True)
    assert "Outcome recorded: the panel vetoed the appointment on 20 January 2026." in response.text
    assert "The panel vetoed the appointment" in response.text
    assert "7 of 10 in post voted to veto; 7 needed" in response.text
    hearing.refresh_from_db()
    assert hearing.vetoed
    vote = VetoVote.objects.get(hearing=hearing)
    assert (vote.matter, vote.members_in_post, vote.votes_for_veto, vote.carried) == ("chief_constable", 10, 7, True)


def test_a_veto_short_of_two_thirds_is_refused_and_nothing_is_saved(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(vetoed="on", votes_for_veto="6"))
    assert response.status_code == 200
    assert (
        "6 of the 10 members in post on 20 January 2026 voted to veto; a veto needs 7, so the veto was not carried."
        in response.context["form"].errors["votes_for_veto"]
    )
    hearing.refresh_from_db()
    assert (hearing.reported_on, hearing.vetoed) == (None, False)
    assert not VetoVote.objects.exists()


def test_a_vote_that_carries_must_be_recorded_as_a_veto(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(votes_for_veto="8"))
    assert "so the veto was carried" in response.context["form"].errors["vetoed"][0]
    assert not VetoVote.objects.exists()


def test_a_vote_that_fails_is_kept_with_the_outcome(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    client.post(_url(hearing), _data(votes_for_veto="3"))
    vote = VetoVote.objects.get(hearing=hearing)
    assert not vote.carried
    assert not ConfirmationHearing.objects.get(pk=hearing.pk).vetoed


def test_a_veto_needs_the_number_of_votes(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(vetoed="on"))
    assert "Enter how many members voted for the veto." in response.context["form"].errors["votes_for_veto"]
    assert ConfirmationHearing.objects.get(pk=hearing.pk).reported_on is None


def test_more_votes_than_members_in_post_is_refused(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(vetoed="on", votes_for_veto="11"))
    assert (
        "Only 10 members were in post on that day; 11 cannot have voted."
        in response.context["form"].errors["votes_for_veto"]
    )
    assert ConfirmationHearing.objects.get(pk=hearing.pk).reported_on is None


@pytest.mark.parametrize(
    "post",
    [
        ConfirmationHearing.Post.DEPUTY_PCC,
        ConfirmationHearing.Post.CHIEF_EXECUTIVE,
        ConfirmationHearing.Post.CHIEF_FINANCE_OFFICER,
    ],
)
def test_no_veto_for_deputy_chief_executive_or_finance_officer(client, panel, secretariat_user, post):
    hearing = ConfirmationHearingFactory(panel=panel, post=post, notified_on=NOTIFIED)
    _login(client, secretariat_user)
    response = client.post(_url(hearing), _data(vetoed="on", votes_for_veto="9"))
    assert response.status_code == 200
    errors = response.context["form"].errors["vetoed"]
    assert errors == [
        f"The panel cannot veto this appointment ({hearing.get_post_display()}): only a proposed Chief Constable "
        "may be vetoed (Police Reform and Social Responsibility Act 2011, Schedule 8). "
        "Record the panel's recommendation instead."
    ]
    hearing.refresh_from_db()
    assert (hearing.reported_on, hearing.vetoed) == (None, False)
    assert not VetoVote.objects.exists()
    # without the veto, the recommendation is recorded
    client.post(_url(hearing), _data())
    hearing.refresh_from_db()
    assert hearing.reported_on == datetime.date(2026, 1, 20)


def test_the_service_refuses_a_veto_that_the_form_was_bypassed_for(deputy_hearing, secretariat_user):
    with pytest.raises(ValidationError) as error:
        services.hearing_outcome_record(
            user=secretariat_user,
            hearing=deputy_hearing,
            reported_on=datetime.date(2026, 1, 20),
            recommendation="Not supported.",
            vetoed=True,
            votes_for_veto=9,
        )
    assert "only a proposed Chief Constable may be vetoed" in error.value.message_dict["vetoed"][0]
    deputy_hearing.refresh_from_db()
    assert not deputy_hearing.vetoed


def test_correcting_the_outcome_replaces_its_vote(client, hearing, secretariat_user):
    _login(client, secretariat_user)
    client.post(_url(hearing), _data(vetoed="on", votes_for_veto="7"))
    form = client.get(_url(hearing)).context["form"]
    assert form.initial["votes_for_veto"] == 7
    client.post(_url(hearing), _data(reported_on="2026-01-21", votes_for_veto="2"))
    vote = VetoVote.objects.get(hearing=hearing)
    assert (vote.votes_for_veto, vote.voted_on) == (2, datetime.date(2026, 1, 21))
    hearing.refresh_from_db()
    assert not hearing.vetoed


# Speed ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_calendar_queries_do_not_grow_with_hearings(
    client, panel, secretariat_user, rows, django_assert_max_num_queries
):
    for n in range(rows):
        hearing = ConfirmationHearingFactory(panel=panel, notified_on=NOTIFIED + datetime.timedelta(days=n))
        services.hearing_outcome_record(
            user=secretariat_user,
            hearing=hearing,
            reported_on=hearing.notified_on,
            recommendation="Vetoed.",
            vetoed=True,
            votes_for_veto=8,
        )
    _login(client, secretariat_user)
    with django_assert_max_num_queries(15):
        assert client.get(_calendar(hearing)).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(_url(hearing)).status_code == 200


def test_calendar_reads_as_many_queries_for_twenty_hearings_with_votes_as_for_one(client, panel, secretariat_user):
    def record(n):
        hearing = ConfirmationHearingFactory(panel=panel, notified_on=NOTIFIED + datetime.timedelta(days=n))
        services.hearing_outcome_record(
            user=secretariat_user, hearing=hearing, reported_on=hearing.notified_on, recommendation="Vetoed.",
            vetoed=True, votes_for_veto=8,
        )  # fmt: skip
        return hearing

    hearing = record(0)
    _login(client, secretariat_user)
    with CaptureQueriesContext(connection) as one:
        page = client.get(_calendar(hearing)).content.decode()
    assert page.count("in post voted to veto") == 2  # the hearing's vote, and the vote in the list of votes
    for n in range(1, 20):
        record(n)
    with CaptureQueriesContext(connection) as twenty:
        page = client.get(_calendar(hearing)).content.decode()
    assert page.count('class="border rounded p-3 mb-3"') == 20
    assert len(twenty) == len(one) <= 10
