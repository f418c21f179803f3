"""Sessions: Django's rows in Django's table, read by the portal's engine; expired or unknown ones sign nobody in."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from pcc_portal.core.sessions import SessionStore

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def test_a_session_reads_back_what_was_saved_and_what_django_saved():
    ours = SessionStore()
    ours["colour"] = "green"
    ours.save()
    assert SessionStore(ours.session_key)["colour"] == "green"
    django = DjangoStore()
    django["colour"] = "blue"
    django.save()
    assert SessionStore(django.session_key)["colour"] == "blue"
    assert DjangoStore(ours.session_key)["colour"] == "green"


def test_an_unknown_or_expired_session_is_empty_and_gets_a_new_key():
    store = SessionStore()
    store["colour"] = "green"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - datetime.timedelta(1))
    expired = SessionStore(store.session_key)
    assert "colour" not in expired and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_a_signed_in_user_whose_session_expires_is_signed_out(client, staff_user):
    client.force_login(staff_user)
    assert client.get(DASHBOARD).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(DASHBOARD).status_code == 302


def test_signing_out_ends_the_session(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("logout"))
    assert not Session.objects.exists()
    assert client.get(DASHBOARD).status_code == 302
