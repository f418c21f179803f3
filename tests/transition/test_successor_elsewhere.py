"""The successor body officer role elsewhere in the portal: published information only, none of the
OPCC's or the panel's internal records (several selectors grant "any signed-in user of the area")."""

import pytest
from django.urls import reverse

from panels.models import Complaint
from tests.commissioning.factories import GrantFactory
from tests.panels.factories import PanelFactory
from tests.plans.factories import PlanVersionFactory

pytestmark = pytest.mark.django_db


def test_successor_officer_sees_no_internal_records_of_other_sections(client, area, successor_user):
    panel = PanelFactory(force_area=area)
    Complaint.objects.create(panel=panel, received_on="2027-01-05", complainant="Ann Example", summary="Rude letter")
    draft = PlanVersionFactory(plan__force_area=area, label="Confidential draft")
    grant = GrantFactory(stream__force_area=area, title="Unpublished grant", is_published=False)
    client.force_login(successor_user)
    assert client.get(reverse("panels:complaint_list", kwargs={"pk": panel.pk})).status_code == 404
    assert client.get(reverse("plans:version_detail", kwargs={"pk": draft.pk})).status_code == 404
    assert client.get(reverse("partners:organisation_list", kwargs={"code": area.code})).status_code == 404
    assert client.get(reverse("partners:contact_list", kwargs={"code": area.code})).status_code == 404
    assert client.get(grant.get_absolute_url()).status_code == 404
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Ann Example" not in dashboard and "Confidential draft" not in dashboard
