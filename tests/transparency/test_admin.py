"""Every transparency model is in the admin, with its history."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from transparency import models

from .factories import (
    ContractFactory,
    DecisionFactory,
    GiftFactory,
    InspectionReportFactory,
    InterestFactory,
    SpendItemFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    models.Decision,
    models.Interest,
    models.Gift,
    models.SpendUpload,
    models.SpendItem,
    models.Contract,
    models.InspectionReport,
    models.PublicationEntry,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered_with_history(model):
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    assert hasattr(model, "history")


def test_administrator_opens_each_list_change_page_and_history(client, admin_user, area):
    objects = [
        DecisionFactory(force_area=area),
        InterestFactory(force_area=area),
        GiftFactory(force_area=area),
        ContractFactory(force_area=area),
        InspectionReportFactory(force_area=area),
        SpendItemFactory(upload__force_area=area),
    ]
    client.force_login(admin_user)
    for model in MODELS:
        url = reverse(f"admin:transparency_{model._meta.model_name}_changelist")
        assert client.get(url, {"q": "x"}).status_code == 200
    for obj in objects:
        prefix = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
        assert client.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code == 200
        assert client.get(reverse(f"{prefix}_history", args=[obj.pk])).status_code == 200


def test_opcc_staff_cannot_open_the_admin(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("admin:transparency_decision_changelist"))
    assert response.status_code == 302
