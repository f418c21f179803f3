"""A user's commissioning deadlines, read from the rows of one query by position, are those the models give one by
one: the rounds, returns and grants of the areas where the user is OPCC staff, or of the user's organisation, and
nothing of another area or another organisation."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning.deadlines import deadlines_for
from commissioning.models import Application, Grant, MonitoringReturn, Round
from pcc_portal.deadlines.registry import collect_deadlines, due_at
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.commissioning.factories import (
    ApplicationFactory,
    FundingStreamFactory,
    GrantFactory,
    MonitoringReturnFactory,
    RoundFactory,
    partner_of,
)
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TITLES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30) | st.sampled_from(
    ["Night-time economy", "A, B & C; <D>", "Réponse “x”"]
)
DAYS = st.integers(-30, 30)
ROUND = st.tuples(st.integers(0, 1), DAYS, TITLES, st.sets(st.integers(0, 1)))  # area, closes, title, drafting
GRANT = st.tuples(st.integers(0, 1), st.integers(0, 1), st.booleans(), DAYS, TITLES)  # area, recipient, active, end
RETURN = st.tuples(st.integers(0, 20), DAYS, st.booleans(), st.integers(0, 400))  # grant, due, made, period start


def _from_models(*, start, end, staff_area_ids, organisation_id) -> dict[str, tuple]:
    """Return {key: (title, due, url, area, responsible, done)} of the deadlines the models give, one by one."""
    found = {}
    for round_ in Round.objects.select_related("stream"):
        area_id = round_.stream.force_area_id
        drafting = Application.objects.filter(
            round=round_, organisation_id=organisation_id, status=Application.Status.DRAFT
        ).exists()
        if start <= round_.closes_at < end and (area_id in staff_area_ids or drafting):
            found[f"commissioning.round_close:{round_.pk}"] = (
                f"{round_.title} closes", round_.closes_at, round_.get_absolute_url(), area_id, "Applicants", False
            )  # fmt: skip
    for item in MonitoringReturn.objects.select_related("grant__recipient"):
        grant, due = item.grant, due_at(item.due_date)
        if start <= due < end and (grant.force_area_id in staff_area_ids or grant.recipient_id == organisation_id):
            period = f"{item.period_start:%-d %b} to {item.period_end:%-d %b %Y}"
            found[f"commissioning.return_due:{item.pk}"] = (
                f"Monitoring return for {grant.title} ({period})", due, item.get_absolute_url(), grant.force_area_id,
                grant.recipient.name, item.status != MonitoringReturn.Status.DUE,
            )  # fmt: skip
    for grant in Grant.objects.filter(status=Grant.Status.ACTIVE).select_related("recipient"):
        due = due_at(grant.end_date)
        if start <= due < end and (grant.force_area_id in staff_area_ids or grant.recipient_id == organisation_id):
            found[f"commissioning.grant_end:{grant.pk}"] = (
                f"{grant.title} ({grant.recipient.name}) ends", due, grant.get_absolute_url(), grant.force_area_id,
                "OPCC", False,
            )  # fmt: skip
    return found


def test_each_users_deadlines_are_those_the_models_give_for_any_rounds_returns_and_grants():
    areas = [ForceAreaFactory(), ForceAreaFactory()]
    streams = [FundingStreamFactory(force_area=area) for area in areas]
    organisations = [OrganisationFactory(areas=[area]) for area in areas]
    staff = [UserFactory(opcc_staff=True, areas=[area]) for area in areas]  # the second: another area's staff
    partners = [partner_of(organisation) for organisation in organisations]  # the second: another organisation's
    now = timezone.now()
    start, end = now - datetime.timedelta(days=20), now + datetime.timedelta(days=20)
    today = timezone.localdate()

    @settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(
        st.lists(ROUND, max_size=3),
        st.lists(GRANT, max_size=5),
        st.lists(RETURN, max_size=12, unique_by=lambda made: made[3]),
    )
    def check(rounds, grants, returns):
        with transaction.atomic():
            for area, closes, title, drafting in rounds:
                round_ = RoundFactory(
                    stream=streams[area], title=title, closes_at=now + datetime.timedelta(days=closes)
                )
                for organisation in drafting:
                    ApplicationFactory(round=round_, organisation=organisations[organisation])
            made = [
                GrantFactory(
                    stream=streams[area], recipient=organisations[recipient], title=title,
                    status=Grant.Status.ACTIVE if active else Grant.Status.COMPLETED,
                    end_date=today + datetime.timedelta(days=ends),
                )
                for area, recipient, active, ends, title in grants
            ]  # fmt: skip
            for grant, due, submitted, period in returns:
                if made:
                    MonitoringReturnFactory(
                        grant=made[grant % len(made)], due_date=today + datetime.timedelta(days=due),
                        status=MonitoringReturn.Status.SUBMITTED if submitted else MonitoringReturn.Status.DUE,
                        period_start=datetime.date(2026, 1, 1) + datetime.timedelta(days=period),
                    )  # fmt: skip
            for user, staff_area_ids, organisation_id in [
                (staff[0], {areas[0].pk}, None),
                (staff[1], {areas[1].pk}, None),
                (partners[0], set(), organisations[0].pk),
                (partners[1], set(), organisations[1].pk),
            ]:
                expected = _from_models(
                    start=start, end=end, staff_area_ids=staff_area_ids, organisation_id=organisation_id
                )
                found = list(deadlines_for(start=start, end=end, user=user))
                assert {d.key: (d.title, d.due, d.url, d.area_id, d.responsible, d.done) for d in found} == expected
                assert all(user.pk in d.recipient_ids or user.pk in d.escalate_to_ids for d in found)
                # The registry passes them all: every one is addressed to the user, in the user's areas.
                collected = collect_deadlines(start=start, end=end, user=user)
                assert {d.key for d in collected if d.kind.startswith("commissioning.")} == set(expected)
            transaction.set_rollback(True)

    check()
