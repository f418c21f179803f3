"""A query compiled once from stand-ins answers every later call with that call's own values."""

import datetime

import pytest
from django.db.models import F
from django.db.models.functions import Cast

from pcc_portal.core.querytemplates import template_rows
from tests.transparency.factories import InspectionReportFactory
from transparency.models import InspectionReport

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = datetime.date(2026, 1, 10), datetime.date(2026, 2, 10), datetime.date(2026, 3, 10)


def _reports(*, area_ids, published_from, published_to):
    reports = InspectionReport.objects.filter(published_on__gte=published_from, published_on__lte=published_to)
    if area_ids is not None:
        reports = reports.filter(force_area__in=area_ids)
    return reports.order_by("pk").values("title", "published_on")


def _rows(**arguments):
    return template_rows("tests.reports", _reports, **arguments)


def test_each_call_gets_the_reports_of_its_own_areas_and_dates():
    january = InspectionReportFactory(title="January", published_on=JAN)
    february = InspectionReportFactory(title="February", published_on=FEB)
    march = InspectionReportFactory(title="March", published_on=MAR)
    everywhere = {"published_from": JAN, "published_to": MAR}

    assert _rows(area_ids=None, **everywhere) == list(_reports(area_ids=None, **everywhere))
    assert [r["title"] for r in _rows(area_ids=None, **everywhere)] == ["January", "February", "March"]
    assert [r["title"] for r in _rows(area_ids=[january.force_area_id], **everywhere)] == ["January"]
    assert [r["title"] for r in _rows(area_ids=[march.force_area_id], **everywhere)] == ["March"]
    assert [r["title"] for r in _rows(area_ids={february.force_area_id, march.force_area_id}, **everywhere)] == [
        "February",
        "March",
    ]
    assert [r["title"] for r in _rows(area_ids=None, published_from=FEB, published_to=FEB)] == ["February"]
    # Dates come back as dates, as values() gives them, on every database.
    assert _rows(area_ids=[march.force_area_id], **everywhere) == [{"title": "March", "published_on": MAR}]


def test_no_areas_means_no_reports():
    InspectionReportFactory(published_on=JAN)

    assert _rows(area_ids=[], published_from=JAN, published_to=MAR) == []


def _meetings(*, panel_ids, after, before):
    from panels.models import Meeting

    return (
        Meeting.objects.filter(panel_id__in=panel_ids, starts_at__gte=after, starts_at__lt=before)
        .order_by("starts_at")
        .values("pk", "starts_at")
    )


def test_moments_stand_in_as_well_and_come_back_aware():
    from django.utils import timezone

    from tests.panels.factories import MeetingFactory

    first = MeetingFactory(starts_at=timezone.make_aware(datetime.datetime(2026, 1, 10, 18, 30)))
    second = MeetingFactory(panel=first.panel, starts_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 18, 30)))
    moment = timezone.make_aware

    def rows(after, before):
        return template_rows("tests.meetings", _meetings, panel_ids=[first.panel_id], after=after, before=before)

    whole = rows(moment(datetime.datetime(2026, 1, 1)), moment(datetime.datetime(2026, 12, 31)))
    assert whole == list(
        _meetings(
            panel_ids=[first.panel_id],
            after=moment(datetime.datetime(2026, 1, 1)),
            before=moment(datetime.datetime(2026, 12, 31)),
        )
    )
    assert [r["pk"] for r in whole] == [first.pk, second.pk]
    assert whole[0]["starts_at"] == first.starts_at and timezone.is_aware(whole[0]["starts_at"])
    # The boundaries are the call's own, to the minute.
    assert [r["pk"] for r in rows(first.starts_at, second.starts_at)] == [first.pk]
    assert [r["pk"] for r in rows(first.starts_at + datetime.timedelta(minutes=1), second.starts_at)] == []


def test_a_naive_moment_is_refused():
    with pytest.raises(TypeError):
        template_rows("tests.naive", _meetings, panel_ids=[1], after=datetime.datetime(2026, 1, 1), before=None)


def test_bounds_give_the_rows_the_querysets_slice_gives_for_every_call():
    for month in range(1, 6):
        InspectionReportFactory(title=f"Month {month}", published_on=datetime.date(2026, month, 10))
    everywhere = {"area_ids": None, "published_from": JAN, "published_to": datetime.date(2026, 12, 31)}
    reports = _reports(**everywhere)

    for start, stop in [(0, 2), (1, 3), (3, 10), (5, 7), (2, 2)]:
        rows = template_rows("tests.reports", _reports, bounds=(start, stop), **everywhere)
        assert rows == list(reports[start:stop])
    assert [r["title"] for r in template_rows("tests.reports", _reports, bounds=(1, 3), **everywhere)] == [
        "Month 2",
        "Month 3",
    ]
    # Without bounds, the same shape still gives every row.
    assert len(_rows(**everywhere)) == 5


def _reports_with_areas(*, area_ids):
    return InspectionReport.objects.filter(force_area__in=area_ids).select_related("force_area").order_by("pk")


def test_objects_are_those_the_queryset_gives_with_their_related_objects_for_every_call():
    from django.db.models import Value

    from pcc_portal.core.querytemplates import template_objects

    first, second = InspectionReportFactory(title="First"), InspectionReportFactory(title="Second")

    def objects(*area_ids):
        return template_objects("tests.reports_with_areas", _reports_with_areas, area_ids=list(area_ids))

    for area_ids in [(first.force_area_id,), (second.force_area_id,), (first.force_area_id, second.force_area_id)]:
        expected = list(_reports_with_areas(area_ids=list(area_ids)))
        found = objects(*area_ids)
        assert found == expected and [r.title for r in found] == [r.title for r in expected]
        # The area came with the report, in the same query, as select_related gives it.
        assert [r.force_area.name for r in found] == [r.force_area.name for r in expected]
        assert all("force_area" in r._state.fields_cache and not r._state.adding for r in found)
    assert objects(first.force_area_id)[0].published_on == first.published_on

    # Annotations are set on each object, as iterating the queryset sets them.
    annotated = template_objects(
        "tests.reports_annotated",
        lambda *, area_ids: _reports_with_areas(area_ids=area_ids).annotate(marked=Value("yes")),
        area_ids=[first.force_area_id],
    )
    assert [(r.title, r.marked) for r in annotated] == [("First", "yes")]


def _items(*, programme_id):
    from django.db.models import DateTimeField
    from django.db.models.functions import TruncDate

    from transition.models import TransferItem

    return (
        TransferItem.objects.filter(programme_id=programme_id)
        .order_by("pk")
        .values("amount", "day_one_critical", "due_on", "edited_fields", "created_at", "receiver_organisation_id")
        .annotate(created_on=TruncDate("created_at"), moment=Cast("created_at", DateTimeField()))
    )


def test_every_call_converts_its_columns_as_the_queryset_does():
    """The columns' converters are worked out once, with the SQL: later calls convert their rows the same way."""
    from decimal import Decimal

    from tests.transition.factories import ProgrammeFactory, TransferItemFactory

    first, second = ProgrammeFactory(), ProgrammeFactory()
    TransferItemFactory(programme=first, amount=Decimal("1234.50"), day_one_critical=True, edited_fields=["title"])
    TransferItemFactory(programme=first, amount=None, day_one_critical=False, due_on=datetime.date(2027, 5, 1))
    TransferItemFactory(programme=second, amount=Decimal("0.05"), edited_fields={"notes": 1})

    for programme in (first, second, first):
        rows = template_rows("tests.items", _items, programme_id=programme.pk)
        assert rows == list(_items(programme_id=programme.pk))
    found = template_rows("tests.items", _items, programme_id=first.pk)
    assert [(r["amount"], r["day_one_critical"], r["edited_fields"]) for r in found] == [
        (Decimal("1234.50"), True, ["title"]),
        (None, False, []),
    ]
    assert all(type(r["amount"]) in (Decimal, type(None)) and type(r["day_one_critical"]) is bool for r in found)


COLUMNS = ("pk", "title", "published_on", "area_", "nothing_")


def _report_columns(*, area_ids, published_from, published_to):
    """The reports as rows of COLUMNS, one of which Django converts (an integer stand-in for nothing)."""
    from django.db.models import IntegerField, Value

    reports = _reports(area_ids=area_ids, published_from=published_from, published_to=published_to)
    return reports.values(
        "pk", "title", "published_on", area_=F("force_area_id"), nothing_=Value(None, output_field=IntegerField())
    )


def _report_columns_unconverted(**arguments):
    """The reports as rows of COLUMNS without the last: on PostgreSQL, none that Django converts."""
    return _reports(**arguments).values("pk", "title", "published_on", area_=F("force_area_id"))


@pytest.fixture
def three_areas():
    from tests.accounts.factories import ForceAreaFactory

    return [ForceAreaFactory().pk for _ in range(3)]


@pytest.mark.parametrize(
    ("build", "columns"), [(_report_columns, COLUMNS), (_report_columns_unconverted, COLUMNS[:-1])]
)
def test_tuples_are_the_rows_values_in_the_order_of_their_columns_for_any_reports_and_arguments(
    three_areas, build, columns
):
    """template_tuples gives what template_rows and the queryset give, for reports of several areas and dates."""
    from django.db import transaction
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from pcc_portal.core.querytemplates import template_tuples

    days = st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2025, 12, 31))
    titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)

    @settings(max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(
        reports=st.lists(st.tuples(st.sampled_from(three_areas), days, titles), max_size=8),
        area_ids=st.none() | st.lists(st.sampled_from(three_areas), unique=True),
        first=days,
        last=days,
        bounds=st.none() | st.tuples(st.integers(0, 9), st.integers(0, 9)),
    )
    def check(reports, area_ids, first, last, bounds):
        with transaction.atomic():
            for area_id, day, title in reports:
                InspectionReport.objects.create(force_area_id=area_id, published_on=day, title=title)
            arguments = {"area_ids": area_ids, "published_from": first, "published_to": last}
            queryset = build(**arguments)
            if bounds is not None:
                queryset = queryset[bounds[0] : bounds[1]]
            expected = [tuple(row[name] for name in columns) for row in queryset]
            found = template_tuples(("tests.columns", build), build, columns=columns, bounds=bounds, **arguments)
            assert [tuple(row) for row in found] == expected
            as_dicts = template_rows(("tests.columns", build), build, bounds=bounds, **arguments)
            assert [tuple(row[name] for name in columns) for row in as_dicts] == expected
            transaction.set_rollback(True)

    check()


def test_tuples_refuse_columns_other_than_the_querysets():
    from pcc_portal.core.querytemplates import template_tuples

    InspectionReportFactory(published_on=JAN)
    arguments = {"area_ids": None, "published_from": JAN, "published_to": MAR}
    with pytest.raises(ValueError):
        template_tuples("tests.report_columns", _report_columns, columns=COLUMNS[::-1], **arguments)
    # A query that cannot be compiled (no areas: nothing to ask) still gives its rows, as tuples.
    assert (
        template_tuples("tests.report_columns", _report_columns, columns=COLUMNS, **{**arguments, "area_ids": []}) == []
    )


RANKED = """
SELECT * FROM (
    SELECT inner_rows_.*, COUNT(*) OVER () AS listed_, RANK() OVER (ORDER BY published_on) AS rank_
    FROM inner_rows_ WHERE published_on >= %s
) ranked_rows_ WHERE rank_ <= %s
"""


def _ranked(*, since, first, **arguments):
    from pcc_portal.core.querytemplates import template_wrapped_rows

    return template_wrapped_rows(
        "tests.ranked_reports",
        lambda **values: _reports(**values).order_by(),
        outer=RANKED,
        outer_names=("listed_", "rank_"),
        outer_params=(since, first),
        **arguments,
    )


def test_a_wrapped_query_counts_and_ranks_the_rows_of_each_call():
    areas = [InspectionReportFactory(title="January", published_on=JAN).force_area_id]
    areas.append(InspectionReportFactory(title="February", published_on=FEB).force_area_id)
    areas.append(InspectionReportFactory(title="February too", published_on=FEB, force_area_id=areas[1]).force_area_id)
    InspectionReportFactory(title="March", published_on=MAR)
    everywhere = {"published_from": JAN, "published_to": MAR}

    def found(**arguments):
        return sorted((r["title"], r["published_on"], r["listed_"], r["rank_"]) for r in _ranked(**arguments))

    # The inner query's own values, then the outer's; dates come back as dates.
    assert found(area_ids=None, since=JAN, first=1, **everywhere) == [("January", JAN, 4, 1)]
    assert found(area_ids=None, since=FEB, first=1, **everywhere) == [
        ("February", FEB, 3, 1),
        ("February too", FEB, 3, 1),
    ]
    assert found(area_ids=None, since=JAN, first=2, **everywhere) == [
        ("February", FEB, 4, 2),
        ("February too", FEB, 4, 2),
        ("January", JAN, 4, 1),
    ]
    assert found(area_ids=areas[1:], since=JAN, first=5, **everywhere) == [
        ("February", FEB, 2, 1),
        ("February too", FEB, 2, 1),
    ]
    assert found(area_ids=None, since=JAN, first=5, published_from=MAR, published_to=MAR) == [("March", MAR, 1, 1)]


def test_a_wrapped_query_of_no_areas_has_no_rows():
    InspectionReportFactory(published_on=JAN)

    assert _ranked(area_ids=[], since=JAN, first=5, published_from=JAN, published_to=MAR) == []
