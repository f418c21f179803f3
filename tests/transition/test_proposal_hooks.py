"""Each app's part of the register: what it proposes for the area, and nothing of another area."""

import datetime

import pytest
from django.utils import timezone

from panels.models import Complaint
from pcc_portal.core.transfer import collect_transfer_proposals
from tests.commissioning.factories import FundingStreamFactory
from tests.consultations.factories import ConsultationEventFactory, ConsultationFactory
from tests.panels.factories import PanelFactory
from tests.plans.factories import PlanVersionFactory

pytestmark = pytest.mark.django_db

TRANSFER = datetime.date(2028, 5, 8)


def _keys(area):
    return {p.source_key: p for p in collect_transfer_proposals(area_id=area.pk, transfer_date=TRANSFER)}


def test_open_complaints_the_issued_plan_and_consultations_across_the_date_are_proposed(area, other_area):
    panel = PanelFactory(force_area=area)
    open_complaint = Complaint.objects.create(panel=panel, received_on=TRANSFER, complainant="A. Person", summary="x")
    Complaint.objects.create(
        panel=panel, received_on=TRANSFER, complainant="B", summary="y", status=Complaint.Status.RESOLVED
    )
    version = PlanVersionFactory(plan__force_area=area, issued=True)
    across = ConsultationFactory(
        force_area=area,
        opens_at=timezone.make_aware(datetime.datetime(2028, 4, 1)),
        closes_at=timezone.make_aware(datetime.datetime(2028, 6, 1)),
    )
    ConsultationFactory(force_area=area)  # closes long before transfer
    event = ConsultationEventFactory(
        areas=[area], starts_on=datetime.date(2028, 5, 1), ends_on=datetime.date(2028, 5, 31)
    )
    PlanVersionFactory(plan__force_area=other_area, issued=True)
    keys = _keys(area)
    complaint = keys[f"panels.complaint:{open_complaint.pk}"]
    assert "A. Person" not in complaint.title + complaint.detail  # no personal data in the register
    assert len([k for k in keys if k.startswith("panels.complaint:")]) == 1
    assert keys[f"plans.plan:{version.plan_id}"].kind == "plan"
    assert f"consultations.consultation:{across.pk}" in keys
    assert f"consultations.event:{event.pk}" in keys
    assert len([k for k in keys if k.startswith("consultations.consultation:")]) == 1
    assert len([k for k in keys if k.startswith("plans.")]) == 1


def test_open_funding_rounds_are_proposed(area):
    from commissioning.models import Round

    stream = FundingStreamFactory(force_area=area)
    now = timezone.now()
    live = Round.objects.create(
        stream=stream, title="Small grants", opens_at=now, closes_at=now + datetime.timedelta(days=30), eligibility="x"
    )
    Round.objects.create(
        stream=stream,
        title="Closed",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
        eligibility="x",
    )
    keys = _keys(area)
    assert f"commissioning.round:{live.pk}" in keys
    assert len([k for k in keys if k.startswith("commissioning.round:")]) == 1


def test_deadlines_after_the_transfer_date_are_proposed_once_and_only_the_areas(area, other_area):
    from commissioning.models import Grant
    from tests.commissioning.factories import GrantFactory

    later = GrantFactory(
        stream__force_area=area, title="Victims' hub", status=Grant.Status.ACTIVE, end_date=datetime.date(2028, 9, 30)
    )
    GrantFactory(
        stream__force_area=area, title="Before", status=Grant.Status.ACTIVE, end_date=datetime.date(2028, 3, 1)
    )
    GrantFactory(
        stream__force_area=other_area, title="Elsewhere", status=Grant.Status.ACTIVE, end_date=datetime.date(2028, 9, 1)
    )
    keys = _keys(area)
    deadline_keys = [k for k in keys if k.startswith("deadline.")]
    assert deadline_keys == [f"deadline.commissioning.grant_end:{later.pk}"]
    row = keys[deadline_keys[0]]
    assert row.kind == "deadline" and row.due == datetime.date(2028, 9, 30)
    assert row.title.startswith("Grant ends: Victims' hub") and "after transfer" in row.detail
    assert list(_keys(area)) == list(keys)  # the same keys every run: a second proposal matches its rows


def test_the_registers_own_milestones_are_not_proposed_back_to_it(area):
    from .factories import MilestoneFactory, ProgrammeFactory

    MilestoneFactory(programme=ProgrammeFactory(force_area=area), due_on=datetime.date(2028, 6, 1))
    assert not [k for k in _keys(area) if "transition" in k]
