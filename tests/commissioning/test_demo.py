import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from commissioning.models import Allocation, Application, Grant, MonitoringReturn
from commissioning.opendata import package_360, package_validator
from commissioning.selectors import published_grants
from pcc_portal.accounts.models import User


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_demo_loads_twice_without_duplicates(demo):
    counts = (Grant.objects.count(), Application.objects.count(), MonitoringReturn.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Grant.objects.count(), Application.objects.count(), MonitoringReturn.objects.count()) == counts


def test_demo_has_transition_funding_applications_in_every_state_and_overdue_returns(demo):
    transition = Grant.objects.filter(reference__startswith="TF-2013-")
    assert transition.count() == 8
    assert {(g.start_date.isoformat(), g.end_date.isoformat()) for g in transition} == {("2013-04-01", "2013-09-30")}
    assert set(Application.objects.values_list("status", flat=True)) == set(Application.Status.values)
    assert MonitoringReturn.objects.filter(status="due", due_date__lt=timezone.localdate()).count() >= 3
    allocation = Allocation.objects.get()
    assert sum(allocation.lines.values_list("amount_pence", flat=True)) == 1_000_000_00


def test_demo_open_data_validates(demo):
    assert not list(package_validator().iter_errors(package_360(published_grants())))


def test_demo_partner_sees_val_grants_and_overdue_return(client, demo):
    client.force_login(User.objects.get(email="partner@demo.pcc-portal.org.uk"))
    response = client.get("/commissioning/")
    assert "Victim befriending pilot" in response.text
    assert "Overdue monitoring returns (3)" in response.text
    assert "Safer Leicester Partnership" not in response.text
