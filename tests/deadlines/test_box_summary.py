"""The dashboard's "What's due" box counts what the list of what's due holds and shows its first few, whether an app
counts its own deadlines in the database (a `deadline_summary` hook: commissioning, partners) or builds them all."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning.models import Application, Grant, MonitoringReturn
from partners.models import FollowUpAction
from pcc_portal.deadlines.registry import LONDON, due_at
from pcc_portal.deadlines.selectors import whats_due, whats_due_summary
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import (
    ApplicationFactory,
    FundingStreamFactory,
    GrantFactory,
    MonitoringReturnFactory,
    RoundFactory,
    partner_of,
)
from tests.partners.factories import BulletinFactory, EngagementFactory, FollowUpActionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    """Undo one example's records."""


def _shown(deadline) -> tuple:
    """Return what the box shows of a deadline: its key, title (a grant's names its organisation), who must act (a
    return's organisation), due time, link and area."""
    return deadline.key, deadline.title, deadline.responsible, deadline.due, deadline.url, deadline.area_id


def _listed(user, now, size):
    """Return the box as the list of what's due gives it: its three counts and its first `size` items."""
    due = whats_due(user, now=now, area_names={})
    first = [
        (_shown(entry.deadline), entry.deadline.due < now) for entry in due.overdue + due.this_week + due.next_30_days
    ]
    return len(due.overdue), len(due.this_week), len(due.next_30_days), first[:size]


def _box(user, now, size):
    summary = whats_due_summary(user, now=now, size=size)
    first = [(_shown(entry.deadline), overdue) for entry, overdue in summary.soonest]
    return summary.overdue, summary.this_week, summary.next_30_days, first


@pytest.fixture
def people(area, other_area):
    """Staff of one area, of the other and of both; partners of an organisation with grants and of one without; an
    administrator; and the streams and engagements the records hang on."""
    grantee = OrganisationFactory(areas=[area], name="Grantee")
    bystander = OrganisationFactory(areas=[area], name="Bystander")
    staff = UserFactory(opcc_staff=True, areas=[area])
    return {
        "users": {
            "staff": staff,
            "other area staff": UserFactory(opcc_staff=True, areas=[other_area]),
            "staff of both": UserFactory(opcc_staff=True, areas=[area, other_area]),
            "grantee partner": partner_of(grantee),
            "bystander partner": partner_of(bystander),
            "administrator": UserFactory(administrator=True),
        },
        "staff": staff,
        "grantee": grantee,
        "other": OrganisationFactory(areas=[other_area], name="Other"),
        "streams": [FundingStreamFactory(force_area=area), FundingStreamFactory(force_area=other_area)],
        "engagements": [EngagementFactory(force_area=area), EngagementFactory(force_area=other_area)],
    }


# Moments near the band edges: both sides of 17:00, and the weeks when the clocks go forward and back.
NOWS = st.builds(
    lambda day, minutes: (
        datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=LONDON) + datetime.timedelta(minutes=minutes)
    ).astimezone(datetime.UTC),  # as timezone.now() gives it
    st.sampled_from(
        [datetime.date(2026, 3, 24), datetime.date(2026, 3, 1), datetime.date(2026, 10, 20), datetime.date(2026, 7, 1)]
    ),
    st.sampled_from([0, 60 * 16 + 59, 60 * 17, 60 * 17 + 1, 60 * 23 + 59]),
)
# Days from now's date: today, the last days of each band and just after, a year back, and some others.
DAYS = st.one_of(st.sampled_from([-366, -1, 0, 1, 6, 7, 8, 29, 30, 31]), st.integers(-40, 40))
# A round closing this long after now: exactly at now, a week on, 30 days on, a moment either side, and others.
EXACT = [datetime.timedelta(days=d) for d in (0, 7, 30)]
MOMENT = datetime.timedelta(microseconds=1)
CLOSES = st.one_of(
    st.sampled_from([edge + side for edge in EXACT for side in (-MOMENT, datetime.timedelta(0), MOMENT)]),
    st.integers(-40 * 24, 40 * 24).map(lambda hours: datetime.timedelta(hours=hours)),
)
OWNERS = st.sampled_from([None, "staff", "administrator"])
RECORD = st.one_of(
    st.tuples(st.just("return"), st.booleans(), DAYS, st.booleans(), st.booleans()),  # area, day, grantee's, made
    st.tuples(st.just("grant"), st.booleans(), DAYS, st.booleans(), st.booleans()),  # area, day, grantee's, active
    st.tuples(st.just("round"), st.booleans(), CLOSES, st.booleans(), st.just(False)),  # area, closes, drafting
    st.tuples(st.just("action"), st.booleans(), DAYS, OWNERS, st.booleans()),  # area, day, owner, open
    st.tuples(st.just("bulletin"), st.booleans(), CLOSES, st.just(False), st.just(False)),  # area, scheduled for
)


def _add(record, people, now, grants):
    """Add one record; the returns of a few grants, so that titles and due dates repeat."""
    kind, in_other_area, when, flag, other_flag = record
    stream = people["streams"][in_other_area]
    day = now.astimezone(LONDON).date() + datetime.timedelta(days=when) if isinstance(when, int) else None
    if kind == "grant" or (kind == "return" and not grants):
        grant = GrantFactory(
            stream=stream, recipient=people["grantee"] if flag else people["other"], end_date=day or now.date()
        )
        if kind == "grant" and not other_flag:
            grant.status = Grant.Status.COMPLETED
            grant.save(update_fields=["status"])
        grants.append(grant)
    if kind == "return":
        made = MonitoringReturn.Status.SUBMITTED if other_flag else MonitoringReturn.Status.DUE
        MonitoringReturnFactory(grant=grants[when % len(grants)], due_date=day, status=made)
    elif kind == "round":
        round_ = RoundFactory(stream=stream, closes_at=now + when)
        if flag:
            ApplicationFactory(round=round_, organisation=people["grantee"], status=Application.Status.DRAFT)
    elif kind == "action":
        FollowUpActionFactory(
            engagement=people["engagements"][in_other_area],
            due_on=day,
            owner_user=people["users"][flag] if flag else None,
            status=FollowUpAction.Status.OPEN if other_flag else FollowUpAction.Status.DONE,
        )
    elif kind == "bulletin":
        BulletinFactory(scheduled=True, force_area=stream.force_area, scheduled_for=now + when)


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(now=NOWS, records=st.lists(RECORD, max_size=14), size=st.sampled_from([5, 1, 3]))
def _check_box_counts_what_the_list_holds(people, now, records, size):
    try:
        with transaction.atomic():
            grants = []
            for record in records:
                _add(record, people, now, grants)
            for name, user in people["users"].items():
                assert _box(user, now, size) == _listed(user, now, size), (name, records)
            raise Rollback
    except Rollback:
        pass


def test_the_box_counts_what_the_list_holds_for_every_user(people):
    _check_box_counts_what_the_list_holds(people)


@pytest.mark.parametrize("now", [datetime.datetime(2026, 7, 1, 15, 59, tzinfo=datetime.UTC),  # 16:59 in London
                                 datetime.datetime(2026, 7, 1, 16, 1, tzinfo=datetime.UTC),
                                 datetime.datetime(2026, 10, 20, 17, 30, tzinfo=datetime.UTC)])  # fmt: skip
def test_the_box_counts_what_the_list_holds_at_each_edge(people, now):
    """One of everything on each edge day (open and done, both areas) and at each edge moment, for every user."""
    grants = []
    for in_other_area in (False, True):
        for day in (-1, 0, 1, 6, 7, 8, 29, 30, 31):
            for flag, other_flag in ((True, True), (False, False)):
                _add(("grant", in_other_area, day, flag, other_flag), people, now, grants)
                _add(("return", in_other_area, day, flag, other_flag), people, now, grants)
            for owner in (None, "staff", "administrator"):
                _add(("action", in_other_area, day, owner, True), people, now, grants)
        for edge in EXACT:
            for side in (-MOMENT, datetime.timedelta(0), MOMENT):
                _add(("round", in_other_area, edge + side, True, False), people, now, grants)
                _add(("bulletin", in_other_area, edge + side, False, False), people, now, grants)
    for name, user in people["users"].items():
        for size in (5, 40):
            assert _box(user, now, size) == _listed(user, now, size), name


def _counts_of_returns(people, now, days: list[int]) -> tuple[int, int, int]:
    """Return how many more the staff's box counts in each band with returns due on those days from now's date."""
    staff = people["staff"]
    grant = GrantFactory(stream=people["streams"][0], recipient=people["grantee"], end_date=datetime.date(2030, 1, 1))
    before = _box(staff, now, 5)  # the grant's own deadlines (its award to publish) counted without the returns
    today = now.astimezone(LONDON).date()
    for day in days:
        MonitoringReturnFactory(grant=grant, due_date=today + datetime.timedelta(days=day))
    after = _box(staff, now, 5)
    assert after == _listed(staff, now, 5)
    return after[0] - before[0], after[1] - before[1], after[2] - before[2]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (-MOMENT, (0, 1, 1)),  # before 17:00: today's due this week, in 7 days later, in 30 days after the box
        (datetime.timedelta(0), (0, 1, 1)),  # at 17:00 today's is due, not overdue yet
        (MOMENT, (1, 1, 1)),  # after 17:00: today's overdue, in 7 days this week, in 30 days within the month
    ],
)
def test_the_box_counts_a_return_by_its_day_at_17_00(people, moment, expected):
    now = (due_at(datetime.date(2026, 7, 1)) + moment).astimezone(datetime.UTC)
    assert _counts_of_returns(people, now, [0, 7, 30]) == expected


def test_the_box_counts_by_london_days_when_the_clocks_go_back(people):
    """On the Sunday the clocks go back, at 16:30 (GMT): Saturday's return (due 16:00 GMT) is overdue, today's is
    due, and the return due a week on (17:00 GMT, 7 days and half an hour on) is later in the month."""
    now = datetime.datetime(2026, 10, 25, 16, 30, tzinfo=datetime.UTC)
    assert _counts_of_returns(people, now, [-1, 0, 7]) == (1, 1, 1)


def test_the_box_shows_the_first_of_many_returns_due_the_same_day_in_title_order(people):
    staff, day = people["staff"], datetime.date(2026, 7, 1)
    for title in ["Zebra crossings", "Allotments", "Mentoring", "Bus shelters", "Youth club", "Cadets", "Arts"]:
        grant = GrantFactory(stream=people["streams"][0], title=title, end_date=datetime.date(2030, 1, 1))
        MonitoringReturnFactory(grant=grant, due_date=day)
    now = due_at(day) + datetime.timedelta(days=3)
    box = whats_due_summary(staff, now=now, size=6)  # the grants' awards to publish are overdue too
    returns = [entry.deadline for entry, _ in box.soonest if entry.deadline.kind == "commissioning.return_due"]
    assert [deadline.title.split(" (")[0] for deadline in returns[:5]] == [
        "Monitoring return for " + title for title in ["Allotments", "Arts", "Bus shelters", "Cadets", "Mentoring"]
    ]
    assert _box(staff, now, 5) == _listed(staff, now, 5)


def test_a_partner_is_not_shown_their_grants_of_an_area_they_are_not_in(people):
    partner = people["users"]["grantee partner"]
    grant = GrantFactory(stream=people["streams"][1], recipient=people["grantee"], end_date=datetime.date(2030, 1, 1))
    day = datetime.date(2026, 7, 1)
    key = f"commissioning.return_due:{MonitoringReturnFactory(grant=grant, due_date=day).pk}"
    now = due_at(day) - datetime.timedelta(days=2)
    assert _box(partner, now, 5) == (0, 0, 0, [])
    shown = _box(people["users"]["other area staff"], now, 5)[3]
    assert (key, False) in [(deadline[0], overdue) for deadline, overdue in shown]  # the area's staff are shown it


def test_the_box_names_the_organisation_of_each_return_and_grant_ending(people, other_area):
    """The organisations' names are looked up for the few items shown: each item names its own organisation, for
    the staff of its area and for the organisation's partner; staff of another area are shown none of them."""
    staff, partner = people["staff"], people["users"]["grantee partner"]
    day = datetime.date(2026, 7, 1)
    for recipient, title in [(people["grantee"], "Mentoring"), (OrganisationFactory(name="Youth Trust"), "Cadets")]:
        grant = GrantFactory(stream=people["streams"][0], recipient=recipient, title=title, end_date=day)
        MonitoringReturnFactory(grant=grant, due_date=day)
    now = due_at(day) - datetime.timedelta(days=1)
    shown = {deadline[1]: deadline[2] for deadline, _overdue in _box(staff, now, 5)[3]}
    assert shown["Mentoring (Grantee) ends"] == shown["Cadets (Youth Trust) ends"] == "OPCC"
    assert sorted(who for title, who in shown.items() if title.startswith("Monitoring return")) == [
        "Grantee",
        "Youth Trust",
    ]
    assert _box(staff, now, 5) == _listed(staff, now, 5)
    partner_titles = [deadline[1] for deadline, _overdue in _box(partner, now, 5)[3]]
    assert "Mentoring (Grantee) ends" in partner_titles and not any("Youth Trust" in t for t in partner_titles)
    assert _box(partner, now, 5) == _listed(partner, now, 5)
    other_titles = [deadline[1] for deadline, _overdue in _box(people["users"]["other area staff"], now, 5)[3]]
    assert not any("Mentoring" in title or "Cadets" in title for title in other_titles)


def test_the_dashboard_asks_as_many_queries_for_20_returns_as_for_1(client, people):
    staff, today = people["staff"], timezone.localdate()
    grant = GrantFactory(stream=people["streams"][0], recipient=people["grantee"])
    client.force_login(staff)
    asked = []
    for rows in (1, 19):
        for n in range(rows):
            MonitoringReturnFactory(grant=grant, due_date=today - datetime.timedelta(days=1 + n % 3))
            MonitoringReturnFactory(grant=grant, due_date=today + datetime.timedelta(days=1 + n % 20))
            FollowUpActionFactory(
                engagement=people["engagements"][0], due_on=today + datetime.timedelta(days=1 + n % 9)
            )
        client.get(reverse("core:dashboard"))  # each query's SQL compiled once
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("core:dashboard")).text
        asked.append(len(captured.captured_queries))
        overdue, this_week, _later, _first = _listed(staff, timezone.now(), 5)
        assert overdue >= 1 + rows // 19 * 3 and this_week >= 1
        assert f"<strong>{overdue}</strong> overdue, <strong>{this_week}</strong> due this week" in page
    assert asked[0] == asked[1]


def _returns_and_actions(people, now):
    """Add returns of the grantee's grant and actions of the area due on days either side of now."""
    grant = GrantFactory(stream=people["streams"][0], recipient=people["grantee"], end_date=datetime.date(2030, 1, 1))
    today = now.astimezone(LONDON).date()
    for day in (-2, 0, 3, 12):
        MonitoringReturnFactory(grant=grant, due_date=today + datetime.timedelta(days=day))
        FollowUpActionFactory(engagement=people["engagements"][0], due_on=today + datetime.timedelta(days=day))


def test_a_box_of_no_items_still_counts_them(people):
    now = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.UTC)
    _returns_and_actions(people, now)
    for name, user in people["users"].items():
        assert _box(user, now, 0) == _listed(user, now, 0), name
    overdue, this_week, later, first = _box(people["staff"], now, 0)
    assert (overdue >= 1, this_week >= 2, later >= 2, first) == (True, True, True, [])


def test_a_partner_in_no_area_is_shown_nothing_of_their_organisation(people):
    now = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.UTC)
    _returns_and_actions(people, now)
    grantee_partner = people["users"]["grantee partner"]
    assert _box(grantee_partner, now, 5)[0] >= 1  # in the area, they are shown their returns
    grantee_partner.force_areas.clear()
    nowhere = UserFactory._meta.model.objects.get(pk=grantee_partner.pk)  # their areas read afresh
    assert _box(nowhere, now, 5) == _listed(nowhere, now, 5) == (0, 0, 0, [])
