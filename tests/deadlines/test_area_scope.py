"""Collecting one area's deadlines: hooks that take `area_id` narrow their queries, the others are filtered."""

import datetime

import pytest

from pcc_portal.deadlines.registry import LONDON, collect_deadlines

from .source import make_deadline

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 1, 1, tzinfo=LONDON)
END = datetime.datetime(2027, 2, 1, tzinfo=LONDON)
DUE = datetime.datetime(2027, 1, 15, 17, tzinfo=LONDON)


class AreaApp:
    """A hook that narrows to one area itself, and remembers what it was asked."""

    label = "area_app"

    def __init__(self, items):
        self.items = items
        self.asked: list = []

    def deadlines(self, *, start, end, user=None, area_id=None):
        self.asked.append(area_id)
        return [item for item in self.items if area_id is None or item.area_id == area_id]


class PlainApp:
    """A hook that knows nothing of areas: it returns every area's deadlines."""

    label = "plain_app"

    def __init__(self, items):
        self.items = items
        self.calls = 0

    def deadlines(self, *, start, end, user=None):
        self.calls += 1
        return list(self.items)


@pytest.fixture
def apps(monkeypatch, area, other_area):
    from pcc_portal.deadlines import registry

    area_app = AreaApp([make_deadline(key=f"a.x:{a.pk}", due=DUE, area=a) for a in (area, other_area)])
    plain_app = PlainApp([make_deadline(key=f"p.x:{a.pk}", due=DUE, area=a) for a in (area, other_area)])
    monkeypatch.setattr(registry, "app_configs_with", lambda hook: iter([area_app, plain_app]))
    return area_app, plain_app


def test_one_areas_deadlines_come_from_every_app_and_no_other_area(apps, area, other_area):
    area_app, _ = apps
    keys = {d.key for d in collect_deadlines(start=START, end=END, area_id=area.pk)}
    assert keys == {f"a.x:{area.pk}", f"p.x:{area.pk}"}
    assert area_app.asked == [area.pk]  # the hook that takes an area is given it; the other is filtered


def test_without_an_area_every_areas_deadlines_come_and_hooks_are_asked_as_before(apps, area, other_area):
    area_app, _ = apps
    assert len(list(collect_deadlines(start=START, end=END))) == 4
    assert area_app.asked == [None]


def test_skipped_apps_are_not_asked(apps, area):
    _, plain_app = apps
    keys = {d.key for d in collect_deadlines(start=START, end=END, area_id=area.pk, skip={"plain_app"})}
    assert keys == {f"a.x:{area.pk}"} and plain_app.calls == 0


def test_the_real_hooks_that_take_an_area_give_only_its_deadlines(area, other_area):
    from tests.commissioning.factories import GrantFactory

    for a in (area, other_area):
        GrantFactory(stream__force_area=a, status="active", end_date=datetime.date(2027, 1, 20))
    found = [d for d in collect_deadlines(start=START, end=END, area_id=area.pk) if d.kind.startswith("commissioning")]
    assert found and {d.area_id for d in found} == {area.pk}
    every = [d for d in collect_deadlines(start=START, end=END) if d.kind.startswith("commissioning")]
    assert {d.area_id for d in every} == {area.pk, other_area.pk}


class RecipientsApp(AreaApp):
    """A hook that can leave out who is reminded, and remembers whether it was told to."""

    label = "recipients_app"

    def deadlines(self, *, start, end, user=None, area_id=None, recipients=True):
        self.asked.append(recipients)
        return list(self.items)


def test_a_page_listing_dates_tells_the_hooks_that_can_to_leave_out_recipients(monkeypatch, area, staff_user):
    from pcc_portal.deadlines import registry

    told = RecipientsApp([make_deadline(key="r.x:1", due=DUE, area=area)])
    plain_app = PlainApp([make_deadline(key="p.x:1", due=DUE, area=area)])
    monkeypatch.setattr(registry, "app_configs_with", lambda hook: iter([told, plain_app]))
    keys = {d.key for d in collect_deadlines(start=START, end=END, recipients=False)}
    assert keys == {"r.x:1", "p.x:1"} and told.asked == [False]  # a hook without the keyword is still asked
    list(collect_deadlines(start=START, end=END))
    assert told.asked == [False, True]
    with pytest.raises(ValueError):  # a user's deadlines are those they are reminded of
        list(collect_deadlines(start=START, end=END, user=staff_user, recipients=False))


def test_the_real_hooks_give_the_same_deadlines_without_recipients_in_fewer_queries(area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory
    from tests.consultations.factories import ConsultationFactory, ResponseFactory
    from tests.panels.factories import PanelFactory, PanelReportFactory, RecommendationFactory
    from tests.partners.factories import OrganisationFactory

    grant = GrantFactory(stream__force_area=area)
    MonitoringReturnFactory(grant=grant, period_start=datetime.date(2026, 10, 1), due_date=datetime.date(2027, 1, 20))
    report = PanelReportFactory(panel=PanelFactory(force_area=area), responses_due_on=datetime.date(2027, 1, 22))
    RecommendationFactory(report=report)
    answered, silent = (
        OrganisationFactory(areas=[area], name="Answered"),
        OrganisationFactory(areas=[area], name="Silent"),
    )
    consultation = ConsultationFactory(force_area=area, closes_at=DUE, invited=[silent, answered])
    ResponseFactory(consultation=consultation, organisation=answered, submitted=True)

    def dates(**kwargs):
        with CaptureQueriesContext(connection) as queries:
            found = collect_deadlines(start=START, end=END, area_id=area.pk, skip={"transition"}, **kwargs)
            found = sorted((d.key, d.title, d.due, d.done) for d in found)
        return found, len(queries.captured_queries)

    with_recipients, queries_with = dates()
    without, queries_without = dates(recipients=False)
    assert without == with_recipients and len(without) >= 5
    assert {(title, done) for _, title, _, done in without if title.startswith("Response from")} == {
        (f"Response from Answered: {consultation.title}", True),
        (f"Response from Silent: {consultation.title}", False),
    }
    assert queries_without < queries_with


def test_met_before_leaves_out_what_was_met_before_then_from_hooks_that_do_not_take_it(monkeypatch, area):
    """A hook without `met_before` is filtered here; one with it is given it and trusted to narrow its query."""
    from pcc_portal.deadlines import registry

    earlier, later = DUE - datetime.timedelta(days=7), DUE + datetime.timedelta(days=7)
    plain_app = PlainApp(
        [
            make_deadline(key="p.x:met", due=earlier, area=area, done=True),
            make_deadline(key="p.x:missed", due=earlier, area=area),
            make_deadline(key="p.x:made_early", due=later, area=area, done=True),
        ]
    )

    class MetApp:
        label = "met_app"
        asked: list = []

        def deadlines(self, *, start, end, user=None, met_before=None):
            self.asked.append(met_before)
            return []

    met_app = MetApp()
    monkeypatch.setattr(registry, "app_configs_with", lambda hook: iter([plain_app, met_app]))
    assert {d.key for d in collect_deadlines(start=START, end=END, met_before=DUE)} == {"p.x:missed", "p.x:made_early"}
    assert met_app.asked == [DUE]
    assert len(list(collect_deadlines(start=START, end=END))) == 3 and met_app.asked == [DUE, None]
