import pytest
from django.urls import reverse

from pcc_portal.accounts.models import Role
from tests.accounts.factories import UserFactory
from tests.conftest import DASHBOARD_MAX_QUERIES

pytestmark = pytest.mark.django_db


def test_front_page_shows_sign_in_form_to_the_public(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"<h1>Sign in</h1>" in response.content


def test_anonymous_visitor_is_sent_to_sign_in_from_dashboard(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_role_sees_its_dashboard(client, area, role):
    user = UserFactory(role=role, areas=[area], is_staff=role == Role.ADMINISTRATOR)
    client.force_login(user)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert "Your dashboard" in response.text
    assert Role(role).label in response.text
    assert "Leicestershire" in response.text


def test_signed_in_user_at_front_page_goes_to_dashboard(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_staff_user_sees_own_area_page(client, staff_user, area):
    client.force_login(staff_user)
    response = client.get(area.get_absolute_url())
    assert response.status_code == 200
    assert "<h1>Leicestershire</h1>" in response.text


@pytest.mark.parametrize("fixture", ["staff_user", "partner_user", "panel_member_user", "secretariat_user"])
def test_user_of_one_area_gets_404_for_another_area(client, request, other_area, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(other_area.get_absolute_url()).status_code == 404
    assert client.get(reverse("core:area_directory_pdf", kwargs={"code": other_area.code})).status_code == 404


def test_administrator_sees_every_area(client, admin_user, area, other_area):
    client.force_login(admin_user)
    assert client.get(other_area.get_absolute_url()).status_code == 200
    assert client.get(area.get_absolute_url()).status_code == 200


def test_administrator_opens_admin(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "PCC Partnership Portal administration" in response.text


@pytest.mark.parametrize("fixture", ["staff_user", "partner_user", "panel_member_user", "secretariat_user"])
def test_non_administrators_cannot_open_admin(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_user_list_searches_by_email(client, admin_user, staff_user):
    client.force_login(admin_user)
    response = client.get("/admin/accounts/user/", {"q": staff_user.email})
    assert response.status_code == 200
    assert staff_user.email in response.text


def test_partner_cannot_download_area_directory(client, partner_user, area):
    client.force_login(partner_user)
    assert client.get(reverse("core:area_directory_pdf", kwargs={"code": area.code})).status_code == 404


def test_dashboard_query_count_does_not_grow_with_areas(client, admin_user, django_assert_max_num_queries):
    from tests.accounts.factories import ForceAreaFactory

    client.force_login(admin_user)
    ForceAreaFactory.create_batch(1)
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        client.get(reverse("core:dashboard"))
    ForceAreaFactory.create_batch(20)
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        response = client.get(reverse("core:dashboard"))
    assert response.text.count('<li class="list-inline-item"><a href="/areas/') == 21


def test_logout_needs_post(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_pages_send_a_content_security_policy_without_unsafe_inline(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_unknown_page_shows_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'href="#main"' in response.text


def test_front_page_lists_published_information_that_visitors_can_open(client):
    import re

    response = client.get("/")
    assert "Published information" in response.text
    section = response.text.split('id="published-heading"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'href="([^"]+)"', section)
    assert len(links) >= 6
    for url in links:
        assert client.get(url).status_code == 200, url


def test_signed_in_users_see_their_sections_not_the_visitor_list(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("core:dashboard"))
    assert 'id="published-heading"' not in response.text
    for label in ["Partners", "Plans", "Panels", "Consultations", "Commissioning", "What&#x27;s due"]:
        assert f">{label}</a>" in response.text, label
