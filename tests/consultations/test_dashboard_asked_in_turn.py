"""The staff's consultations dashboard box reads through a query compiled once per shape: users asked one after
another each get the consultations of the areas they manage, never the first one's."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from consultations.models import ResponseTag
from tests.accounts.factories import UserFactory
from tests.consultations.factories import ConsultationFactory, ResponseFactory, ThemeFactory

pytestmark = pytest.mark.django_db

TO_ANALYSE = "Consultation responses to analyse"


def _listed(user) -> list | None:
    """Return (title, submitted, untagged, analysis link) of each consultation in the staff box, None without it."""
    for panel in apps.get_app_config("consultations").dashboard_panels(user):
        if panel.title == TO_ANALYSE:
            return [(c.title, c.submitted, c.untagged, c.analysis_url) for c in panel.context["consultations"]]
    return None


def test_each_user_asked_in_turn_gets_only_the_consultations_they_manage(area, other_area, admin_user):
    now = timezone.now()
    ours = ConsultationFactory(force_area=area, title="Ours", closes_at=now + datetime.timedelta(days=3))
    theirs = ConsultationFactory(force_area=other_area, title="Theirs", closed=True)
    ConsultationFactory(force_area=area, title="Our draft", draft=True)
    ConsultationFactory(force_area=area, title="Ours without responses")
    tagged = ResponseFactory(consultation=ours, submitted=True)
    ResponseTag.objects.create(response=tagged, theme=ThemeFactory())
    ResponseTag.objects.create(response=tagged, theme=ThemeFactory())  # a response tagged twice counts once
    ResponseFactory(consultation=ours, submitted=True)
    ResponseFactory(consultation=ours)  # a draft: not counted
    ResponseFactory(consultation=theirs, submitted=True)
    our_row = ("Ours", 2, 1, f"/consultations/{ours.pk}/analysis/")
    their_row = ("Theirs", 1, 1, f"/consultations/{theirs.pk}/analysis/")

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert _listed(UserFactory(opcc_staff=True, areas=[area])) == [our_row]
        assert _listed(UserFactory(opcc_staff=True, areas=[other_area])) == [their_row]
        assert _listed(UserFactory(opcc_staff=True, areas=[area, other_area])) == [our_row, their_row]
        assert _listed(admin_user) == [our_row, their_row]
        assert _listed(UserFactory(panel_secretariat=True, areas=[area])) is None
        assert _listed(UserFactory(partner=True, areas=[area])) is None
        assert _listed(UserFactory(opcc_staff=True, areas=[])) == []
