import pytest
from django.apps import apps
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_panels_model_has_a_working_admin_list_with_search(client, admin_user, demo):
    client.force_login(admin_user)
    models = [m for m in apps.get_app_config("panels").get_models() if not m.__name__.startswith("Historical")]
    assert len(models) == 17
    for model in models:
        url = reverse(f"admin:panels_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, model
        assert client.get(url, {"q": "Leicester"}).status_code == 200, model


def test_panel_admin_page_shows_its_members_inline(client, admin_user, demo):
    from panels.models import Panel

    client.force_login(admin_user)
    panel = Panel.objects.get(force_area__code="leicestershire")
    page = client.get(reverse("admin:panels_panel_change", args=[panel.pk])).text
    assert "Cllr Joan Ashby" in page
