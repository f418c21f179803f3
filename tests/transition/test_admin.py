import pytest
from django.urls import reverse

from .factories import DecisionFactory, MilestoneFactory, RiskFactory, TransferItemFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "transitionprogramme",
    "workstream",
    "workstreamstatuschange",
    "milestone",
    "risk",
    "decision",
    "transferitem",
    "transferitemstatuschange",
    "transferevidence",
    "escalationnotice",
]


@pytest.mark.parametrize("model", MODELS)
def test_administrator_lists_every_model(client, admin_user, programme, model):
    WorkstreamFactory(programme=programme)
    MilestoneFactory(programme=programme)
    RiskFactory(programme=programme)
    DecisionFactory(programme=programme)
    TransferItemFactory(programme=programme)
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:transition_{model}_changelist")).status_code == 200


def test_a_register_row_has_its_history_in_the_admin(client, admin_user, item):
    item.title = "Renamed"
    item.save()
    client.force_login(admin_user)
    response = client.get(reverse("admin:transition_transferitem_history", args=[item.pk]))
    assert response.status_code == 200 and "Renamed" in response.content.decode()
