import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultations.models import Consultation, Response
from partners.selectors import organisation_of
from pcc_portal.accounts.models import User
from plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_demo_plan_consultation_closes_on_10_march_2013_with_partner_responses(demo, client):
    plan = Plan.objects.get(force_area__code="leicestershire", title="Police and Crime Plan 2013–2017")
    version = plan.versions.get(number=1)
    assert version.label == "January 2013 draft"
    consultation = Consultation.objects.get(plan_version=version)
    closes = consultation.closes_at.astimezone(ZoneInfo("Europe/London"))
    assert closes.date() == datetime.date(2013, 3, 10)
    submitted = consultation.responses.filter(status=Response.Status.SUBMITTED, organisation__isnull=False)
    assert submitted.count() >= 3
    assert client.get(reverse("consultations:public_outcomes", args=[consultation.pk])).status_code == 200


def test_demo_partner_belongs_to_val_and_can_answer_the_open_consultation(demo, client):
    partner = User.objects.get(email="partner@demo.pcc-portal.org.uk")
    assert organisation_of(partner).name == "Voluntary Action Leicestershire"
    open_now = [c for c in Consultation.objects.all() if c.is_open()]
    assert len(open_now) == 1
    client.force_login(partner)
    assert client.get(reverse("consultations:respond", args=[open_now[0].pk])).status_code == 200
    assert "Consultations open to you" in client.get(reverse("core:dashboard")).content.decode()
