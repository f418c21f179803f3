"""The dashboard's "what's due" counts what each app's own box shows overdue."""

import datetime
import re

import pytest

from commissioning.models import MonitoringReturn
from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory, partner_of
from tests.panels.factories import PanelFactory, PanelReportFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2013, 7, 31)  # like the demo's unsubmitted 2013 returns


@pytest.fixture
def scene(area, other_area):
    grant = GrantFactory(stream__force_area=area)
    for n in range(6):
        MonitoringReturnFactory(grant=grant, due_date=LONG_AGO + datetime.timedelta(days=n))
    MonitoringReturnFactory(grant=grant, due_date=LONG_AGO, status=MonitoringReturn.Status.SUBMITTED)
    MonitoringReturnFactory(grant__stream__force_area=other_area, due_date=LONG_AGO)
    report = PanelReportFactory(panel=PanelFactory(force_area=area), responses_due_on=datetime.date(2013, 2, 22))
    RecommendationFactory(report=report)
    return {"grant": grant, "report": report}


def _overdue_on_dashboard(client) -> int:
    html = client.get("/dashboard/").content.decode()
    return int(re.search(r"<strong>(\d+)</strong> overdue", html).group(1))


def _overdue_section(client) -> tuple[int, str]:
    page = client.get("/deadlines/").content.decode()
    count = int(re.search(r"Overdue \((\d+)\)", page).group(1))
    section = page.split('id="overdue-heading"')[1].split("</section>")[0]
    return count, section


def test_staff_dashboard_counts_every_overdue_return_and_response(client, staff_user, scene):
    client.force_login(staff_user)
    count, section = _overdue_section(client)
    assert _overdue_on_dashboard(client) == count >= 7
    assert "Nothing is overdue" not in section
    assert section.count("Monitoring return for") == 6
    assert "Responses to “Comments on Police and Crime Plan”" in section


def test_staff_of_another_area_sees_only_their_own(client, other_area_staff, scene):
    client.force_login(other_area_staff)
    count, section = _overdue_section(client)
    assert _overdue_on_dashboard(client) == count
    assert section.count("Monitoring return for") == 1
    assert "Comments on Police and Crime Plan" not in section


def test_secretariat_sees_the_overdue_response_not_returns(client, secretariat_user, scene):
    client.force_login(secretariat_user)
    _count, section = _overdue_section(client)
    assert "Comments on Police and Crime Plan" in section and "Monitoring return for" not in section


def test_recipient_partner_sees_their_returns_only(client, scene):
    client.force_login(partner_of(scene["grant"].recipient))
    count, section = _overdue_section(client)
    assert _overdue_on_dashboard(client) == count
    assert section.count("Monitoring return for") == 6
    assert "Comments on Police and Crime Plan" not in section


def test_partner_of_another_organisation_sees_none(client, partner_user, scene):
    client.force_login(partner_user)
    assert _overdue_on_dashboard(client) == 0
