"""Behind the TLS proxy, the lock-out and the rate limits count each visitor's own address.

Every request reaches the portal from the proxy (REMOTE_ADDR); the proxy puts
the visitor's address at the end of X-Forwarded-For.
"""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from consultations import services
from consultations.models import Response
from pcc_portal.core.client_ip import client_ip
from tests.accounts.factories import PASSWORD
from tests.consultations.factories import ConsultationFactory, QuestionFactory

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.66"
STAFF_MEMBER = "198.51.100.7"


@pytest.fixture
def behind_one_proxy(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    cache.clear()
    yield
    cache.clear()


def _sign_in(client, email, password, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_wrong_passwords_from_one_visitor_do_not_lock_out_the_user_signing_in_elsewhere(
    client, staff_user, behind_one_proxy
):
    for _ in range(5):
        _sign_in(client, staff_user.email, "wrong-password", ATTACKER)
    assert _sign_in(client, staff_user.email, PASSWORD, ATTACKER).status_code == 429  # that visitor is locked out
    assert _sign_in(client, staff_user.email, PASSWORD, STAFF_MEMBER).status_code == 302  # the real user is not


@pytest.mark.django_db
def test_a_forged_forwarded_address_does_not_escape_the_lock_out(client, staff_user, behind_one_proxy):
    for n in range(5):
        # The visitor sends a different X-Forwarded-For each time; the proxy appends their real address.
        _sign_in(client, staff_user.email, "wrong-password", f"192.0.2.{n}, {ATTACKER}")
    assert _sign_in(client, staff_user.email, PASSWORD, f"192.0.2.99, {ATTACKER}").status_code == 429


@pytest.mark.django_db
def test_public_response_limit_counts_each_forwarded_address(client, area, behind_one_proxy):
    consultation = ConsultationFactory(force_area=area, public=True)
    question = QuestionFactory(consultation=consultation, mandatory=True)
    url = reverse("consultations:public_detail", args=[consultation.pk])

    def send(address):
        data = {"respondent_name": "Rita Resident", "respondent_email": "rita@example.org", question.field_name: "Yes."}
        return client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    for _ in range(services.PUBLIC_RESPONSE_LIMIT):
        assert send(ATTACKER).status_code == 200
    assert send(ATTACKER).status_code == 429
    assert send(STAFF_MEMBER).status_code == 200  # another visitor behind the same proxy still gets through
    assert Response.objects.count() == services.PUBLIC_RESPONSE_LIMIT + 1


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, PROXY),
        (0, ATTACKER, PROXY),  # no proxy configured: the header is the visitor's own claim, ignored
        (1, ATTACKER, ATTACKER),
        (1, f"192.0.2.1, {ATTACKER}", ATTACKER),  # a forged entry in front is ignored
        (1, "192.168.4.20", "192.168.4.20"),  # an office network address is an address too
        (1, None, PROXY),  # a request that did not come through the proxy
        (2, f"192.0.2.1, {ATTACKER}, 10.0.0.2", ATTACKER),
    ],
)
def test_client_ip_believes_only_what_the_portals_proxies_added(settings, proxies, forwarded_for, expected):
    settings.AXES_IPWARE_PROXY_COUNT = proxies
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    assert client_ip(RequestFactory().get("/", **headers)) == expected
