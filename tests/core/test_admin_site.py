import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pcc_portal.accounts.models import User
from tests.accounts.factories import ForceAreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_index_lists_every_model_the_administrator_may_open(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'href="/admin/accounts/user/"' in response.text
    assert 'href="/admin/deadlines/reminder/"' in response.text
    assert 'href="/admin/commissioning/"' in response.text  # an app's own index


def test_admin_list_pages_lead_back_to_the_index_without_a_sidebar_of_every_model(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert 'id="nav-sidebar"' not in response.text
    assert 'href="/admin/deadlines/reminder/"' not in response.text
    assert '<a href="/admin/">Home</a>' in response.text


def test_an_app_index_lists_only_its_own_models(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/deadlines/")
    assert response.status_code == 200
    assert 'href="/admin/deadlines/reminder/"' in response.text
    assert 'href="/admin/accounts/user/"' not in response.text
    assert client.get("/admin/no-such-app/").status_code == 404


def test_users_are_selected_for_an_action_by_their_checkboxes(client, admin_user):
    leaving = UserFactory(full_name="Ann <Leaver>")
    staying = UserFactory(full_name="Sam Stays")
    client.force_login(admin_user)
    page = client.get("/admin/accounts/user/")
    assert (
        f'<input type="checkbox" name="_selected_action" value="{leaving.pk}" class="action-select" '
        'aria-label="Select this object for an action - Ann &lt;Leaver&gt;">'
    ) in page.text
    confirm = client.post("/admin/accounts/user/", {"action": "delete_selected", "_selected_action": [leaving.pk]})
    assert "Ann &lt;Leaver&gt;" in confirm.text
    client.post("/admin/accounts/user/", {"action": "delete_selected", "_selected_action": [leaving.pk], "post": "yes"})
    assert set(User.objects.values_list("pk", flat=True)) == {admin_user.pk, staying.pk}


def test_the_user_list_runs_the_same_queries_for_1_and_20_users(client, admin_user):
    area = ForceAreaFactory()
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/admin/accounts/user/").context["cl"].result_count == 1
    UserFactory.create_batch(19, areas=[area])
    with CaptureQueriesContext(connection) as twenty:
        response = client.get("/admin/accounts/user/")
    assert response.context["cl"].result_count == 20
    assert response.text.count(area.name) >= 19  # each user's areas, from one prefetch
    assert len(one) == len(twenty) <= 10


@pytest.mark.parametrize("name", ["Ann <Leaver>", 'Sam "Sam" O\'Hara & Co', ""])
def test_a_row_s_checkbox_is_the_one_django_s_widget_writes(admin_user, name):
    user = UserFactory(full_name=name)
    ours = admin.site.get_model_admin(User)
    assert ours.action_checkbox(user) == ModelAdmin.action_checkbox(ours, user)
