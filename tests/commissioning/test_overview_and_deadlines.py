import datetime

import pytest
from django.utils import timezone

from commissioning.models import MonitoringReturn
from pcc_portal.deadlines.registry import LONDON, collect_deadlines
from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory, RoundFactory, partner_of
from tests.partners.factories import OrganisationFactory


@pytest.fixture
def overdue_return(area):
    grant = GrantFactory(stream__force_area=area, title="Night-time economy project")
    return MonitoringReturnFactory(grant=grant, overdue=True)


def _window(days_back=60, days_ahead=60):
    now = timezone.now()
    return now - datetime.timedelta(days=days_back), now + datetime.timedelta(days=days_ahead)


def test_overdue_returns_show_on_the_overview(client, staff_user, overdue_return):
    MonitoringReturnFactory(grant=overdue_return.grant)  # due next week: not overdue
    client.force_login(staff_user)
    response = client.get("/commissioning/")
    assert response.status_code == 200
    assert "Overdue monitoring returns (1)" in response.text
    assert "Night-time economy project" in response.text


def test_overdue_return_becomes_a_reminder_for_the_partners_users(overdue_return, staff_user):
    partner = partner_of(overdue_return.grant.recipient)
    start, end = _window()
    mine = [d for d in collect_deadlines(start=start, end=end, user=partner) if d.kind == "commissioning.return_due"]
    assert [d.key for d in mine] == [f"commissioning.return_due:{overdue_return.pk}"]
    deadline = mine[0]
    assert deadline.due < timezone.now()
    assert not deadline.done
    assert deadline.due.tzinfo == LONDON and deadline.due.hour == 17
    assert partner.pk in deadline.recipient_ids
    # The sweep, which asks for everyone, raises it with the area's staff once overdue.
    (everyone,) = [d for d in collect_deadlines(start=start, end=end) if d.key == deadline.key]
    assert partner.pk in everyone.recipient_ids and staff_user.pk in everyone.escalate_to_ids


def test_return_reminder_is_not_sent_to_another_organisation(overdue_return, area):
    other = partner_of(OrganisationFactory(areas=[area]))
    start, end = _window()
    assert not [d for d in collect_deadlines(start=start, end=end, user=other) if d.kind.startswith("commissioning")]


def test_submitted_return_is_done(client, overdue_return):
    partner = partner_of(overdue_return.grant.recipient)
    client.force_login(partner)
    client.post(
        f"/commissioning/returns/{overdue_return.pk}/",
        {"outputs": "120 people supported", "outcomes": "Repeat rate down 8%", "spend_to_date": "5,000.00"},
    )
    overdue_return.refresh_from_db()
    assert overdue_return.status == MonitoringReturn.Status.SUBMITTED
    start, end = _window()
    deadline = next(d for d in collect_deadlines(start=start, end=end) if d.key.endswith(f":{overdue_return.pk}"))
    assert deadline.done


def test_round_closing_and_grant_ending_are_deadlines(area, staff_user):
    round_ = RoundFactory(stream__force_area=area)
    grant = GrantFactory(
        stream__force_area=area,
        end_date=timezone.localdate() + datetime.timedelta(days=20),
        start_date=datetime.date(2020, 1, 1),
    )
    start, end = _window()
    keys = {d.key for d in collect_deadlines(start=start, end=end, user=staff_user)}
    assert f"commissioning.round_close:{round_.pk}" in keys
    assert f"commissioning.grant_end:{grant.pk}" in keys


def test_partners_dashboard_lists_returns_due(client, overdue_return):
    partner = partner_of(overdue_return.grant.recipient)
    client.force_login(partner)
    response = client.get("/dashboard/")
    assert "Grant monitoring returns due" in response.text
    assert "(overdue)" in response.text


def test_overview_chart_is_an_accessible_svg_with_a_table(client, staff_user, area):
    from tests.plans.factories import PriorityFactory

    priority = PriorityFactory(version__plan__force_area=area, title="Support victims")
    grant = GrantFactory(stream__force_area=area, amount_pence=12_345_67)
    grant.priorities.add(priority)
    client.force_login(staff_user)
    response = client.get("/commissioning/")
    assert '<svg class="chart-svg" role="img"' in response.text
    assert "Support victims: £12,345.67." in response.text  # the description read out by screen readers
    assert '<th scope="row">Support victims</th><td class="money">£12,345.67</td>' in response.text


def test_round_close_reminds_partners_with_a_draft_but_not_others(area):
    from tests.commissioning.factories import ApplicationFactory

    round_ = RoundFactory(stream__force_area=area)
    drafting = partner_of(ApplicationFactory(round=round_).organisation)
    bystander = partner_of(OrganisationFactory(areas=[area]))
    start, end = _window()
    key = f"commissioning.round_close:{round_.pk}"
    assert key in {d.key for d in collect_deadlines(start=start, end=end, user=drafting)}
    assert key not in {d.key for d in collect_deadlines(start=start, end=end, user=bystander)}


def test_a_list_of_what_is_still_to_do_leaves_out_returns_made_but_keeps_those_overdue(staff_user, overdue_return):
    """met_before: the returns made that were due before then are not read; overdue and coming ones stay."""
    made = MonitoringReturnFactory(grant=overdue_return.grant, overdue=True, status=MonitoringReturn.Status.SUBMITTED)
    coming = MonitoringReturnFactory(grant=overdue_return.grant, status=MonitoringReturn.Status.SUBMITTED)
    start, end = _window()
    now = timezone.now()
    for user in (staff_user, partner_of(overdue_return.grant.recipient), None):
        every = {d.key for d in collect_deadlines(start=start, end=end, user=user)}
        to_do = {d.key for d in collect_deadlines(start=start, end=end, user=user, met_before=now)}
        key = "commissioning.return_due:{}".format
        assert {key(made.pk), key(overdue_return.pk), key(coming.pk)} <= every
        assert key(made.pk) not in to_do  # met, and due before now: history
        assert {key(overdue_return.pk), key(coming.pk)} <= to_do  # overdue; due later (made early, still listed)
        assert every - to_do == {key(made.pk)}


def test_a_return_due_today_counts_as_due_before_now_only_after_five_oclock(overdue_return):
    made_today = MonitoringReturnFactory(
        grant=overdue_return.grant, due_date=timezone.localdate(), status=MonitoringReturn.Status.SUBMITTED
    )
    five = datetime.datetime.combine(made_today.due_date, datetime.time(17), tzinfo=LONDON)
    start, end = five - datetime.timedelta(days=30), five + datetime.timedelta(days=30)

    def keys(met_before):
        return {d.key for d in collect_deadlines(start=start, end=end, met_before=met_before)}

    key = f"commissioning.return_due:{made_today.pk}"
    assert key in keys(five)  # due at 17:00: not before 17:00
    assert key not in keys(five + datetime.timedelta(microseconds=1))
