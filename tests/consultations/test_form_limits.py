"""A choice question's options (one a line) are capped: more is refused, nothing saved."""

import pytest
from django.urls import reverse

from consultations.forms import MAX_CHOICES
from consultations.models import Question

from .factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_choice_question_with_thousands_of_options_is_refused_and_nothing_saved(client, staff_user, area):
    consultation = ConsultationFactory(force_area=area, draft=True)
    client.force_login(staff_user)
    options = "\n".join(f"Option {n}" for n in range(5000))
    page = client.post(
        reverse("consultations:question_add", args=[consultation.pk]),
        {"text": "Which?", "kind": "multiple", "choices_text": options},
        follow=True,
    )
    assert f"A question takes at most {MAX_CHOICES} options." in page.content.decode()
    assert not Question.objects.exists()


def test_choice_question_at_the_cap_is_saved(client, staff_user, area):
    consultation = ConsultationFactory(force_area=area, draft=True)
    client.force_login(staff_user)
    options = "\n".join(f"Option {n}" for n in range(MAX_CHOICES))
    client.post(
        reverse("consultations:question_add", args=[consultation.pk]),
        {"text": "Which?", "kind": "multiple", "choices_text": options},
    )
    assert len(Question.objects.get().choices) == MAX_CHOICES
