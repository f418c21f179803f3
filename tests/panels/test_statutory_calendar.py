import datetime

import pytest
from django.urls import reverse

from panels import calendar as statutory
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.panels.factories import ConfirmationHearingFactory, MeetingFactory, MembershipFactory, PanelFactory

MONDAY_29_SEPTEMBER_2014 = datetime.date(2014, 9, 29)


def test_papers_for_an_english_meeting_are_due_five_clear_working_days_before():
    due = statutory.papers_due_on(MONDAY_29_SEPTEMBER_2014, nation="england", subdivision="ENG")
    assert due == datetime.date(2014, 9, 19)
    assert due.strftime("%A") == "Friday"


def test_papers_for_a_welsh_meeting_are_due_three_clear_working_days_before():
    due = statutory.papers_due_on(MONDAY_29_SEPTEMBER_2014, nation="wales", subdivision="WLS")
    assert due == datetime.date(2014, 9, 23)
    assert due.strftime("%A") == "Tuesday"


def test_bank_holidays_do_not_count_as_clear_days():
    # Thursday 9 April 2015: Good Friday 3 April and Easter Monday 6 April are bank holidays.
    due = statutory.papers_due_on(datetime.date(2015, 4, 9), nation="england", subdivision="ENG")
    assert due == datetime.date(2015, 3, 30)  # clear days 31 Mar, 1, 2, 7 and 8 April


def test_a_meeting_on_monday_makes_papers_due_before_the_weekend_not_on_it():
    due = statutory.papers_due_on(datetime.date(2014, 9, 22), nation="wales", subdivision="WLS")
    assert due == datetime.date(2014, 9, 16)
    assert due.weekday() < 5


@pytest.mark.parametrize(("in_post", "needed"), [(20, 14), (15, 10), (14, 10), (12, 8), (10, 7), (3, 2), (0, 0)])
def test_veto_needs_two_thirds_of_members_in_post_rounded_up(in_post, needed):
    assert statutory.veto_threshold(in_post) == needed


def test_the_live_precept_year_turns_over_once_the_precept_is_issued_on_1_march():
    assert statutory.live_precept_year(datetime.date(2026, 1, 1)) == 2026
    assert statutory.live_precept_year(datetime.date(2026, 3, 1)) == 2026
    assert statutory.live_precept_year(datetime.date(2026, 3, 2)) == 2027
    assert statutory.live_precept_year(datetime.date(2026, 12, 31)) == 2027


def test_precept_dates_for_2026_27_fall_in_february_and_march_2026():
    steps = statutory.precept_timetable(2026)
    assert [s.due for s in steps] == [
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 8),
        datetime.date(2026, 2, 15),
        datetime.date(2026, 2, 22),
        datetime.date(2026, 3, 1),
    ]
    assert statutory.financial_year_label(2026) == "2026/27"


@pytest.mark.django_db
def test_calendar_page_shows_2026_27_precept_dates_in_2026(client):
    area = ForceAreaFactory()
    secretariat = UserFactory(panel_secretariat=True, areas=[area])
    panel = PanelFactory(force_area=area)
    client.force_login(secretariat)
    response = client.get(reverse("panels:calendar", kwargs={"pk": panel.pk}) + "?year=2026")
    assert "Precept 2026/27" in response.text
    for day in ["Sunday 1 February 2026", "Sunday 8 February 2026", "Sunday 22 February 2026", "Sunday 1 March 2026"]:
        assert day in response.text
    timetable = response.text.split("<tbody>")[1].split("</tbody>")[0]
    rows = timetable.split("</tr>")[:-1]
    assert len(rows) == 5
    assert all(("February 2026" in row or "March 2026" in row) for row in rows)


def test_confirmation_hearing_report_is_due_at_the_end_of_three_weeks_from_notification():
    assert statutory.hearing_report_due_on(datetime.date(2026, 1, 5)) == datetime.date(2026, 1, 25)


@pytest.mark.django_db
def test_only_a_chief_constable_hearing_can_end_in_veto():
    assert ConfirmationHearingFactory().veto_available
    assert not ConfirmationHearingFactory(post="chief_finance_officer").veto_available


@pytest.mark.django_db
def test_meeting_knows_its_papers_due_date_from_its_area():
    wales = ForceAreaFactory(wales=True)
    assert MeetingFactory().papers_due_on == datetime.date(2014, 9, 19)
    assert MeetingFactory(panel=PanelFactory(force_area=wales)).papers_due_on == datetime.date(2014, 9, 23)


@pytest.mark.django_db
def test_meeting_with_papers_published_after_the_due_date_is_flagged_late():
    on_time = MeetingFactory(papers_published_on=datetime.date(2014, 9, 19))
    late = MeetingFactory(papers_published_on=datetime.date(2014, 9, 22))
    assert not on_time.papers_late
    assert late.papers_late


def test_seat_model_gives_every_council_a_seat_and_shares_the_rest_by_largest_remainder():
    seats = statutory.allocate_seats({"City": 1000, "Tiny": 10, "County": 500, "Town": 300}, 10)
    assert seats == {"City": 5, "Tiny": 1, "County": 3, "Town": 1}
    assert sum(seats.values()) == 10


def test_seat_model_refuses_fewer_seats_than_councils():
    with pytest.raises(ValueError, match="cannot give each of 3 councils a seat"):
        statutory.allocate_seats({"A": 1, "B": 1, "C": 1}, 2)


def test_seat_model_for_the_west_midlands_twelve():
    populations = {
        "Birmingham": 1_073_045,
        "Coventry": 316_960,
        "Dudley": 312_925,
        "Sandwell": 308_063,
        "Solihull": 206_674,
        "Walsall": 269_323,
        "Wolverhampton": 249_470,
    }
    seats = statutory.allocate_seats(populations, 12)
    # Quotas 4.70, 1.39, 1.37, 1.35, 0.91, 0.98, 0.91: one seat each plus Birmingham's 3 more whole
    # seats make 10; the two largest remainders (Birmingham .70, Coventry .39) take the last two.
    assert seats == {
        "Birmingham": 5, "Coventry": 2, "Dudley": 1, "Sandwell": 1, "Solihull": 1, "Walsall": 1, "Wolverhampton": 1,
    }  # fmt: skip
    balance = statutory.seat_balance(populations, seats)
    assert (balance[0].name, str(balance[0].population_share), str(balance[0].seat_share)) == (
        "Birmingham", "39.2", "41.7",
    )  # fmt: skip


@pytest.mark.django_db
def test_members_who_have_left_do_not_count_towards_the_veto():
    from panels.selectors import members_in_post

    panel = PanelFactory()
    MembershipFactory.create_batch(3, panel=panel)
    MembershipFactory(panel=panel, left=True)
    assert members_in_post(panel, on=datetime.date(2014, 1, 1)).count() == 3
