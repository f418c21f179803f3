"""Demo: Leicestershire's briefing for candidates at the election of 15 November 2012.

The introduction quotes seeds 000 and 001; the candidates and the question are
illustrative (labelled so on the page and in the admin).
"""

from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

from pcc_portal.accounts.models import ForceArea, User
from pcc_portal.deadlines.registry import LONDON

from .models import Answer, AnswerDelivery, Briefing, Candidate, CandidateEmail, Question

ELECTION = date(2012, 11, 15)
STAFF_EMAIL = "staff@demo.pcc-portal.org.uk"
CANDIDATES = [
    ("Alex Illustrative", "alex.candidate@example.org", "Illustrative Party A"),
    ("Sam Example", "sam.candidate@example.org", "Illustrative Party B"),
    ("Jo Sample", "jo.candidate@example.org", ""),
]
QUESTION = (
    "How much of the current community safety funding passes to the Commissioner, and which partnerships "
    "receive it today?"
)
ANSWER = (
    "From April 2013 the Community Safety Fund is paid to the Commissioner, who decides how it is spent. "
    "The grants the office has made are in the public register of grants (section 4 of this briefing), and "
    "the partnership boards of the area are listed in section 3.\n\n"
    "*Illustrative answer for the demonstration.*"
)


def load(*, stdout) -> None:
    area = ForceArea.objects.filter(code="leicestershire").first()
    if area is None:
        return
    introduction = (Path(__file__).with_name("demo_content.md")).read_text()
    briefing, _ = Briefing.objects.update_or_create(
        force_area=area,
        election_date=ELECTION,
        defaults={
            "introduction": introduction,
            "published_at": datetime(2012, 6, 1, 9, 0, tzinfo=LONDON),
        },
    )
    confirmed_at = datetime(2012, 9, 3, 10, 0, tzinfo=LONDON)
    candidates = []
    for name, email, party in CANDIDATES:
        candidate, _ = Candidate.objects.update_or_create(
            briefing=briefing,
            email=email,
            defaults={
                "name": name,
                "party": party,
                "status": Candidate.Status.CONFIRMED,
                "confirmed_at": confirmed_at,
                "is_illustrative": True,
            },
        )
        for kind in CandidateEmail.Kind.values:
            CandidateEmail.objects.get_or_create(candidate=candidate, kind=kind, defaults={"sent_at": confirmed_at})
        candidates.append(candidate)
    question, _ = Question.objects.get_or_create(
        briefing=briefing,
        candidate=candidates[0],
        text=QUESTION,
        defaults={"is_illustrative": True},
    )
    answer = question.answers.first()
    if answer is None:
        staff = User.objects.filter(email=STAFF_EMAIL).first()
        answer = Answer.objects.create(question=question, text=ANSWER, answered_by=staff)
    # The demo's emails are recorded as sent: loading the demo never emails anyone.
    sent = timezone.now()
    AnswerDelivery.objects.bulk_create(
        [AnswerDelivery(candidate=c, answer=answer, sent_at=sent) for c in candidates], ignore_conflicts=True
    )
    stdout.write(f"  handover: briefing for candidates, {area.name}, {ELECTION:%-d %B %Y} (illustrative candidates)")
