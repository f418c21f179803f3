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
from handover import services as handover_services
from handover.models import Candidate
from pcc_portal.accounts.views import RESET_LIMIT_PER_ADDRESS
from pcc_portal.core.client_ip import client_ip
from tests.accounts.factories import PASSWORD
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.handover.factories import BriefingFactory

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


@pytest.mark.django_db
def test_candidate_registration_limit_counts_each_forwarded_address(client, area, behind_one_proxy):
    briefing = BriefingFactory(force_area=area, published=True)
    url = reverse("handover:candidate_register", args=[briefing.pk])

    def register(address, n):
        data = {"name": "Ada Candidate", "email": f"c{n}@example.org", "standing_as": "independent", "party": ""}
        return client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    for n in range(handover_services.REGISTRATION_LIMIT):
        assert register(ATTACKER, n).status_code == 200
    assert register(ATTACKER, 99).status_code == 429
    assert register(STAFF_MEMBER, 100).status_code == 200  # another visitor behind the same proxy
    assert Candidate.objects.count() == handover_services.REGISTRATION_LIMIT + 1


@pytest.mark.django_db
def test_password_reset_limit_counts_each_forwarded_address(client, staff_user, behind_one_proxy):
    def reset(address, email):
        return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    for n in range(RESET_LIMIT_PER_ADDRESS):
        reset(ATTACKER, f"person{n}@example.org")
    assert reset(ATTACKER, staff_user.email).status_code == 429
    assert reset(STAFF_MEMBER, staff_user.email).status_code == 302  # the real user still gets a link


@pytest.mark.django_db
def test_api_limit_counts_each_forwarded_address(client, settings, behind_one_proxy):
    settings.API_RATE_LIMITS = {"anonymous": (2, 60)}

    def ask(address):
        return client.get("/api/v1/areas", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    assert [ask(ATTACKER).status_code for _ in range(3)] == [200, 200, 429]
    assert ask(STAFF_MEMBER).status_code == 200  # another visitor behind the same proxy has their own count


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
