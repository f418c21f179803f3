"""A round's questions and criteria (one a line, each a row) are capped: more is refused, nothing saved."""

import pytest

from commissioning.forms import MAX_ROUND_CRITERIA, MAX_ROUND_QUESTIONS
from commissioning.models import Round
from tests.commissioning.factories import FundingStreamFactory

pytestmark = pytest.mark.django_db


def _round(**changes):
    return {
        "title": "CSF 2013/14 round",
        "opens_at": "2013-05-01T09:00",
        "closes_at": "2013-06-28T17:00",
        "eligibility": "CSPs and the voluntary sector.",
        "questions": "Who else is involved?",
        "criteria": "Fit with the plan",
        **changes,
    }


@pytest.mark.parametrize(
    ("field", "limit", "message"),
    [
        ("questions", MAX_ROUND_QUESTIONS, "A round takes at most {limit} questions, one a line; this has 5000."),
        ("criteria", MAX_ROUND_CRITERIA, "A round takes at most {limit} criteria, one a line; this has 5000."),
    ],
)
def test_round_with_thousands_of_lines_is_refused_and_nothing_saved(client, staff_user, area, field, limit, message):
    stream = FundingStreamFactory(force_area=area)
    client.force_login(staff_user)
    lines = "\n".join(f"Line {n}" for n in range(5000))
    response = client.post(f"/commissioning/streams/{stream.pk}/rounds/new/", _round(**{field: lines}))
    assert response.status_code == 200
    assert message.format(limit=limit) in response.text
    assert not Round.objects.exists()


def test_round_at_the_caps_is_created(client, staff_user, area):
    stream = FundingStreamFactory(force_area=area)
    client.force_login(staff_user)
    questions = "\n".join(f"Question {n}?" for n in range(MAX_ROUND_QUESTIONS))
    criteria = "\n".join(f"Criterion {n}" for n in range(MAX_ROUND_CRITERIA))
    response = client.post(
        f"/commissioning/streams/{stream.pk}/rounds/new/", _round(questions=questions, criteria=criteria)
    )
    assert response.status_code == 302
    round_ = Round.objects.get()
    assert (round_.questions.count(), round_.criteria.count()) == (MAX_ROUND_QUESTIONS, MAX_ROUND_CRITERIA)
