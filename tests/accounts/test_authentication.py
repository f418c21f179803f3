import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, email, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_user_signs_in_with_email_and_lands_on_dashboard(client, staff_user):
    response = _sign_in(client, staff_user.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_sign_in_is_not_case_sensitive_for_the_email(client, staff_user):
    response = _sign_in(client, staff_user.email.upper(), PASSWORD)
    assert response.status_code == 302


def test_wrong_password_shows_a_message_on_the_form(client, staff_user):
    response = _sign_in(client, staff_user.email, "wrong-password")
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.text


def test_account_locks_after_five_failures_even_with_right_password(client, staff_user):
    for _ in range(5):
        _sign_in(client, staff_user.email, "wrong-password")
    response = _sign_in(client, staff_user.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_lockout_is_per_username_and_address(client, staff_user):
    for _ in range(5):
        _sign_in(client, staff_user.email, "wrong-password", ip="10.0.0.1")
    response = _sign_in(client, staff_user.email, PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302


def test_lockout_lifts_after_cool_off(client, staff_user, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        _sign_in(client, staff_user.email, "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert _sign_in(client, staff_user.email, PASSWORD).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, staff_user):
    response = client.post(reverse("password_reset"), {"email": staff_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_user.email]
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "A-brand-new-pass-42", "new_password2": "A-brand-new-pass-42"})
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("A-brand-new-pass-42")


def test_password_reset_for_unknown_email_sends_nothing(client):
    client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert mail.outbox == []


def test_user_changes_password(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Another-good-pass-77", "new_password2": "Another-good-pass-77"},
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("Another-good-pass-77")


def test_session_ends_after_its_age(client, staff_user, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert _sign_in(client, staff_user.email, PASSWORD).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("core:dashboard")).status_code == 302
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_user_changes_are_recorded_in_history(staff_user, other_area):
    staff_user.full_name = "Renamed Person"
    staff_user.save()
    latest = staff_user.history.first()
    assert latest.full_name == "Renamed Person"
    assert staff_user.history.count() >= 2


def test_password_reset_links_to_one_address_stop_after_three_an_hour_saying_nothing_new(client, staff_user):
    for _ in range(5):
        response = client.post(reverse("password_reset"), {"email": staff_user.email.upper()})
        assert response.status_code == 302  # the same answer every time: the limit reveals nothing
    assert len(mail.outbox) == 3


def test_password_reset_from_one_connection_is_refused_past_its_limit_with_a_message(client, staff_user):
    for number in range(10):
        client.post(reverse("password_reset"), {"email": f"person{number}@example.org"})
    response = client.post(reverse("password_reset"), {"email": staff_user.email})
    assert response.status_code == 429
    assert "Too many reset links have been asked for from your connection" in response.content.decode()
    assert mail.outbox == []
