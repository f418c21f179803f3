"""Every plans model is in the admin, with working lists, filters and search."""

import pytest
from django.urls import reverse

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

MODELS = ["plan", "planversion", "section", "priority", "objective", "comment", "distribution", "panelnotice"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_list_search_and_detail_open(client, admin_user, model):
    comment = CommentFactory()
    client.force_login(admin_user)
    url = reverse(f"admin:plans_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "plan"}).status_code == 200
    objects = {
        "plan": comment.version.plan,
        "planversion": comment.version,
        "section": comment.section,
        "comment": comment,
    }
    if model in objects:
        detail = reverse(f"admin:plans_{model}_change", args=[objects[model].pk])
        assert client.get(detail).status_code == 200
        assert client.get(reverse(f"admin:plans_{model}_history", args=[objects[model].pk])).status_code == 200
