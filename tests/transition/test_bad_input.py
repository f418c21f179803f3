"""Bad input on the programme form gives a form error and saves nothing, never a server error (issue 13)."""

import pytest
from django.urls import reverse

from transition.models import Milestone, TransitionProgramme

pytestmark = pytest.mark.django_db


def _post(client, area, **changes):
    data = {
        "name": "Transfer 2028",
        "kind": "pcc_to_board",
        "outgoing_body": "Police and Crime Commissioner for Leicestershire",
        "successor_name": "Leicestershire Policing and Crime Board",
        "successor_kind": "policing_and_crime_board",
        "transfer_date": "2028-05-08",
        "status": "planning",
    }
    return client.post(reverse("transition:programme_create", kwargs={"code": area.code}), data | changes)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "0001-05-01"])
def test_a_transfer_date_with_statutory_milestones_off_the_calendar_is_a_form_error(client, staff_user, area, day):
    client.force_login(staff_user)
    response = _post(client, area, transfer_date=day)
    assert response.status_code == 200
    assert "Enter a transfer date between" in response.content.decode()
    assert not TransitionProgramme.objects.exists()
    assert not Milestone.objects.exists()


def test_an_ordinary_transfer_date_still_saves(client, staff_user, area):
    client.force_login(staff_user)
    assert _post(client, area, transfer_date="2012-11-22").status_code == 302
    assert TransitionProgramme.objects.count() == 1
