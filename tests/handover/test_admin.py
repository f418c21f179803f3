"""Every handover model is in the admin, with its history; answers cannot be changed there."""

import pytest
from django.urls import reverse

from .factories import AnswerFactory

pytestmark = pytest.mark.django_db

MODELS = ["briefing", "candidate", "question", "answer", "answerdelivery", "candidateemail"]


def test_admin_lists_and_history_open_for_every_model(client, admin_user, area):
    answer = AnswerFactory(question__candidate__briefing__force_area=area)
    client.force_login(admin_user)
    for model in MODELS:
        assert client.get(reverse(f"admin:handover_{model}_changelist")).status_code == 200, model
    history = reverse("admin:handover_answer_history", args=[answer.pk])
    assert client.get(history).status_code == 200
    page = client.get(reverse("admin:handover_answer_change", args=[answer.pk])).content.decode()
    assert 'name="text"' not in page  # shown, never edited: it has gone to every candidate
