"""What's due asks the apps that can leave what was met out of their queries (commissioning) for what is still to do,
and still offers the kind of a deadline met long ago in the filter: the same lists and kinds as built from every
deadline the user has."""

import datetime
from bisect import bisect_left

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning.models import MonitoringReturn
from pcc_portal.deadlines import selectors
from pcc_portal.deadlines.selectors import whats_due
from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory, RoundFactory
from tests.deadlines.test_box_summary import NOWS, RECORD, Rollback, _add, people  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

FAR = datetime.date.today() + datetime.timedelta(days=400)  # a grant ending after what's due looks ahead


def _built_from_every_deadline(user, now):
    """Return what's due as it was worked out before: from every deadline of the user, met long ago or not."""
    start, end = now - selectors.OVERDUE_LOOKBACK, now + selectors.COMING_UP
    items = selectors.deadlines_for(user, start=start, end=end)
    kinds = sorted({(d.kind, d.kind_label) for d in items}, key=lambda k: (k[1], k[0]))
    now_at = bisect_left(items, now, key=lambda d: d.due)
    week_at = bisect_left(items, now + selectors.THIS_WEEK, key=lambda d: d.due)
    month_at = bisect_left(items, now + selectors.AHEAD, key=lambda d: d.due)
    lists = [
        [d.key for d in items[:now_at] if not d.done],
        [d.key for d in items[now_at:week_at]],
        [d.key for d in items[week_at:month_at]],
        [d.key for d in items[month_at:]],
    ]
    return kinds, lists


def _listed(user, now):
    due = whats_due(user, now=now, area_names={})
    lists = [[entry.deadline.key for entry in entries] for entries in (due.overdue, due.this_week, due.next_30_days)]
    return due.kinds, [*lists, [entry.deadline.key for entry in due.coming_up]]


@settings(max_examples=50, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(now=NOWS, records=st.lists(RECORD, max_size=12))
def _check_lists_and_kinds_as_from_every_deadline(people, now, records):  # noqa: F811 (the fixture)
    try:
        with transaction.atomic():
            grants = []
            for record in records:
                _add(record, people, now, grants)
            for name, user in people["users"].items():
                assert _listed(user, now) == _built_from_every_deadline(user, now), (name, records)
            raise Rollback
    except Rollback:
        pass


def test_each_users_lists_and_kinds_are_those_built_from_every_deadline(people):  # noqa: F811
    _check_lists_and_kinds_as_from_every_deadline(people)


def _return_made_long_ago(grant) -> MonitoringReturn:
    return MonitoringReturnFactory(
        grant=grant,
        due_date=timezone.localdate() - datetime.timedelta(days=200),
        status=MonitoringReturn.Status.SUBMITTED,
    )


def test_the_kind_of_returns_all_made_long_ago_is_still_offered_though_none_is_listed(people):  # noqa: F811
    _return_made_long_ago(GrantFactory(stream=people["streams"][0], recipient=people["grantee"], end_date=FAR))
    staff, partner = people["users"]["staff"], people["users"]["grantee partner"]
    for user in (staff, partner):
        due = whats_due(user, now=timezone.now())
        assert ("commissioning.return_due", "Grant monitoring return due") in due.kinds
        assert not [e for e in due.overdue if e.deadline.kind == "commissioning.return_due"]
    other_staff = people["users"]["other area staff"]
    assert ("commissioning.return_due", "Grant monitoring return due") not in whats_due(
        other_staff, now=timezone.now()
    ).kinds


def test_a_partner_is_not_offered_the_kind_of_their_returns_made_in_an_area_they_are_not_in(people):  # noqa: F811
    other_stream = people["streams"][1]  # the grantee is an organisation of the first area only
    _return_made_long_ago(GrantFactory(stream=other_stream, recipient=people["grantee"], end_date=FAR))
    partner = people["users"]["grantee partner"]
    kinds = whats_due(partner, now=timezone.now()).kinds
    assert ("commissioning.return_due", "Grant monitoring return due") not in kinds
    assert kinds == _built_from_every_deadline(partner, timezone.now())[0]


def _queries_of_whats_due(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        whats_due(user, now=timezone.now(), area_names={})
    return len(queries.captured_queries)


def test_what_is_due_asks_as_many_queries_for_20_made_returns_as_for_1(people):  # noqa: F811
    staff = people["users"]["staff"]
    grant = GrantFactory(stream=people["streams"][0], recipient=people["grantee"], end_date=FAR)
    _return_made_long_ago(grant)
    _queries_of_whats_due(staff)  # the user's areas read once
    one = _queries_of_whats_due(staff)
    for _ in range(19):
        _return_made_long_ago(grant)
    assert _queries_of_whats_due(staff) == one
    assert not [e for e in whats_due(staff, now=timezone.now()).overdue if e.deadline.kind.startswith("commissioning")]


def test_a_user_with_every_kind_of_commissioning_deadline_to_do_is_not_asked_for_kinds_again(people):  # noqa: F811
    """Once what is still to do names every kind of commissioning deadline, their kinds are not asked for."""
    staff = people["users"]["staff"]
    grant = GrantFactory(stream=people["streams"][0], recipient=people["grantee"], end_date=FAR)
    _return_made_long_ago(grant)
    _queries_of_whats_due(staff)  # the user's areas read once
    before = _queries_of_whats_due(staff)
    RoundFactory(stream=people["streams"][0], closes_at=timezone.now() + datetime.timedelta(days=3))
    MonitoringReturnFactory(grant=grant, due_date=timezone.localdate() + datetime.timedelta(days=3))
    GrantFactory(
        stream=people["streams"][0],
        recipient=people["grantee"],
        end_date=timezone.localdate() + datetime.timedelta(days=9),
    )
    assert _queries_of_whats_due(staff) == before - 1
