import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from pcc_portal.accounts.models import ForceArea
from transparency.models import Contract, Decision, Gift, InspectionReport, Interest, SpendItem
from transparency.schedule import SCHEDULE


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def _counts():
    return [m.objects.count() for m in (Decision, Interest, Gift, Contract, InspectionReport, SpendItem)]


def test_demo_loads_twice_without_duplicates(demo):
    counts = _counts()
    assert all(counts)
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == counts


def test_demo_page_is_illustrative_shows_funding_decisions_and_one_class_out_of_date(demo, client):
    area = ForceArea.objects.get(code="leicestershire")
    response = client.get(reverse("transparency:area", kwargs={"code": area.code}))
    html = response.content.decode()
    assert "Illustrative content" in html
    statuses = response.context["statuses"]
    assert [s.publication_class.key for s in statuses if not s.is_current] == ["complaints"]
    assert f"{len(SCHEDULE) - 1} of {len(SCHEDULE)} classes" in html
    register = client.get(reverse("transparency:decision_list", kwargs={"code": area.code})).content.decode()
    assert "Funding decision" in register
    assert "Issue the revised Police and Crime Plan" in register
