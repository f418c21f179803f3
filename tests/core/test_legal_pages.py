"""The privacy notice and accessibility statement: on every page's footer, with each area's contacts."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from pcc_portal.accounts.models import AreaContact
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PRIVACY = 'href="/privacy/"'
ACCESSIBILITY = 'href="/accessibility/"'


def _plain_paths(patterns=None, prefix=""):
    """Yield every URL that takes no argument."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from _plain_paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route.lstrip("^").rstrip("$")


def _html_pages(client):
    checked = 0
    for path in sorted(set(_plain_paths())):
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        html = response.content.decode()
        assert PRIVACY in html and ACCESSIBILITY in html, path
    return checked


def test_every_public_page_footer_links_both(client, area):
    assert _html_pages(client) >= 5


def test_every_signed_in_page_footer_links_both(client, staff_user):
    client.force_login(staff_user)
    assert _html_pages(client) >= 10


def test_area_page_footer_links_both(client, staff_user, area):
    client.force_login(staff_user)
    html = client.get(f"/areas/{area.code}/").content.decode()
    assert PRIVACY in html and ACCESSIBILITY in html


def _contact(area, **extra):
    values = {
        "office_name": f"OPCC for {area.name}",
        "address": "St Johns\nEnderby",
        "email": "opcc@example.org",
        "phone": "0116 000 0000",
        "dpo_name": "Dee Protection",
        "dpo_email": "dpo@example.org",
        "dpo_phone": "0116 000 0001",
        "response_days": 7,
    }
    values.update(extra)
    return values


def test_area_staff_edit_contact_shown_on_both_pages(client, staff_user, area):
    client.force_login(staff_user)
    assert "Edit the contact details" in client.get(f"/areas/{area.code}/").content.decode()
    response = client.post(f"/areas/{area.code}/contact/", _contact(area))
    assert response.status_code == 302
    client.logout()
    privacy = client.get("/privacy/").content.decode()
    assert "OPCC for Leicestershire" in privacy and "dpo@example.org" in privacy and "Dee Protection" in privacy
    statement = client.get("/accessibility/").content.decode()
    assert "opcc@example.org" in statement and "within 7 working days" in statement
    assert AreaContact.objects.get(force_area=area).history.count() == 1


def test_bad_email_is_refused_and_nothing_saved(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(f"/areas/{area.code}/contact/", _contact(area, email="not an email"))
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    assert not AreaContact.objects.exists()


def test_staff_of_another_area_cannot_edit(client, other_area_staff, area):
    client.force_login(other_area_staff)
    assert client.get(f"/areas/{area.code}/contact/").status_code == 404
    assert client.post(f"/areas/{area.code}/contact/", _contact(area)).status_code == 404
    assert not AreaContact.objects.exists()


@pytest.mark.parametrize("fixture", ["secretariat_user", "panel_member_user", "partner_user"])
def test_other_roles_of_the_area_cannot_edit(client, request, area, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(f"/areas/{area.code}/contact/").status_code == 404
    assert "Edit the contact details" not in client.get(f"/areas/{area.code}/").content.decode()


def test_successor_officer_cannot_edit(client, area):
    client.force_login(UserFactory(role="successor_officer", areas=[area]))
    assert client.get(f"/areas/{area.code}/contact/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, area):
    response = client.get(f"/areas/{area.code}/contact/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_administrator_can_edit_any_area(client, admin_user, other_area):
    client.force_login(admin_user)
    assert client.post(f"/areas/{other_area.code}/contact/", _contact(other_area)).status_code == 302
    assert AreaContact.objects.filter(force_area=other_area).exists()


def test_statement_has_each_required_section(client):
    html = client.get("/accessibility/").content.decode()
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "Disproportionate burden",
        "Content that's not within the scope of the accessibility regulations",
        "Preparation of this accessibility statement",
    ]:
        assert heading in headings, heading
    assert "partially compliant" in html
    assert "Equality and Human Rights Commission (EHRC)" in html
    assert "Equality Commission for Northern Ireland (ECNI)" in html
    assert "(No. 2) Accessibility Regulations 2018" in html
    assert "This website was last tested on 30 November 2026" in html
    assert "This statement was prepared on 30 November 2026" in html


def test_legal_pages_query_count_is_flat(client, django_assert_max_num_queries):
    from tests.accounts.factories import ForceAreaFactory

    for n in range(20):
        area = ForceAreaFactory(name=f"Area {n}", code=f"area-{n}")
        AreaContact.objects.create(force_area=area, **_contact(area))
    with django_assert_max_num_queries(3):
        client.get("/privacy/")
    with django_assert_max_num_queries(3):
        client.get("/accessibility/")
