"""Staff make and revoke their own tokens; a revoked or unknown token is refused."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.services import create_token, hash_token
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

TOKENS = "/api/tokens/"


def test_staff_make_a_token_shown_once_and_stored_as_a_hash(client, staff_user):
    client.force_login(staff_user)
    response = client.post(TOKENS, {"name": "Panel papers feed"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=staff_user)
    secret = response.context["new_secret"]
    assert secret in response.content.decode()
    assert token.key_hash == hash_token(secret) and secret not in token.key_hash
    assert token.name == "Panel papers feed"
    again = client.get(TOKENS).content.decode()
    assert secret not in again and "Panel papers feed" in again and "Last used: never" in again
    assert client.get("/api/v1/plans", **bearer(secret)).status_code == 200
    assert "Last used: never" not in client.get(TOKENS).content.decode()


def test_a_token_needs_a_name_and_nothing_is_saved_without_one(client, staff_user):
    client.force_login(staff_user)
    response = client.post(TOKENS, {"name": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode() or "Enter a name" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", ["panel_member_user", "secretariat_user", "partner_user"])
def test_only_staff_and_administrators_hold_tokens(client, request, role, admin_user):
    client.force_login(request.getfixturevalue(role))
    assert client.get(TOKENS).status_code == 403
    assert client.post(TOKENS, {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()
    client.force_login(admin_user)
    assert client.get(TOKENS).status_code == 200


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(TOKENS)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_revoked_token_is_refused(client, staff_user):
    token, raw = create_token(user=staff_user, name="Old feed")
    assert client.get("/api/v1/meetings", **bearer(raw)).status_code == 200
    client.force_login(staff_user)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    response = client.get("/api/v1/meetings", **bearer(raw))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/v1/meetings", **bearer("pcc_made-up")).status_code == 401
    assert client.get("/api/v1/meetings", HTTP_AUTHORIZATION="Basic abc").status_code == 401


def test_i_cannot_revoke_another_users_token(client, staff_user, area):
    from tests.accounts.factories import UserFactory

    colleague = UserFactory(opcc_staff=True, areas=[area])
    token, _raw = create_token(user=colleague, name="Colleague's feed")
    client.force_login(staff_user)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Colleague's feed" not in client.get(TOKENS).content.decode()


def test_a_token_stops_working_when_its_owner_is_no_longer_staff(client, staff_user):
    _token, raw = create_token(user=staff_user, name="Feed")
    staff_user.role = "partner"
    staff_user.save()
    assert client.get("/api/v1/meetings", **bearer(raw)).status_code == 401
