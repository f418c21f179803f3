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
