"""The staff's consultations dashboard box reads through a query compiled once per shape: users asked one after
another each get the consultations of the areas they manage, never the first one's."""

import datetime

import pytest
from django.apps import apps
from django.db.models import Q
from django.template import Context, Template
from django.utils import timezone

from consultations.models import Consultation, ResponseTag
from consultations.selectors import dashboard_consultations_to_analyse
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


def test_the_box_writes_each_consultations_count_and_closing_as_the_template_did(area):
    now = timezone.now()
    # 00:30 in London in summer (BST) is still the day before in UTC: the day written is London's.
    late = timezone.make_aware(datetime.datetime(2026, 7, 2, 0, 30), timezone.get_fixed_timezone(60))
    for title, closes_at, responses in [
        ("Open", now + datetime.timedelta(days=3), 1),
        ("Late", late, 2),
        ("Now", now, 3),
    ]:
        opens_at = closes_at - datetime.timedelta(days=30)
        consultation = ConsultationFactory(force_area=area, title=title, opens_at=opens_at, closes_at=closes_at)
        for _ in range(responses):
            ResponseFactory(consultation=consultation, submitted=True)
    staff = UserFactory(opcc_staff=True, areas=[area])
    template = Template(
        "{{ c.submitted }} response{{ c.submitted|pluralize }} · "
        '{% if c.closes_at > now %}closes{% else %}closed{% endif %} {{ c.closes_at|date:"j F Y" }}'
    )

    shown = dashboard_consultations_to_analyse(staff, now=now)

    assert [c.title for c in shown] == ["Open", "Now", "Late"]
    for row in shown:
        record = Consultation.objects.get(pk=row.pk)
        submitted = record.responses.filter(status="submitted").count()
        written = template.render(Context({"c": {"submitted": submitted, "closes_at": record.closes_at}, "now": now}))
        assert f"{row.submitted} response{row.submitted_plural} · {row.closing}" == written
    assert shown[0].closing.startswith("closes ") and shown[1].closing.startswith("closed ")
    assert shown[2].closing == "closed 2 July 2026" and [row.submitted_plural for row in shown] == ["", "s", "s"]


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


def _with_a_submitted_response(*, area, title: str, closes_at: datetime.datetime) -> Consultation:
    consultation = ConsultationFactory(
        force_area=area, title=title, opens_at=closes_at - datetime.timedelta(days=30), closes_at=closes_at
    )
    ResponseFactory(consultation=consultation, submitted=True)
    return consultation


def test_the_box_lists_the_ten_latest_closing_and_those_closing_together_by_title(area, other_area):
    now = timezone.now()
    for title in ["Policing plan", "Anti-social behaviour", "Victims' services"]:  # closing at the same moment
        _with_a_submitted_response(area=area, title=title, closes_at=now + datetime.timedelta(days=7))
    for days in range(8):  # eight closing earlier: the earliest is the eleventh, left off the box
        _with_a_submitted_response(area=area, title=f"Earlier {days}", closes_at=now - datetime.timedelta(days=days))
    only_a_draft = ConsultationFactory(force_area=area, title="Only a draft response", upcoming=True)
    ResponseFactory(consultation=only_a_draft)  # not submitted: nothing to analyse, though it closes last
    _with_a_submitted_response(area=other_area, title="Theirs", closes_at=now + datetime.timedelta(days=60))

    for _ in range(2):  # the second round runs on the query compiled in the first
        listed = _listed(UserFactory(opcc_staff=True, areas=[area]))
        assert [title for title, *_ in listed] == [
            "Anti-social behaviour",
            "Policing plan",
            "Victims' services",
            *[f"Earlier {days}" for days in range(7)],
        ]
        assert {(submitted, untagged) for _, submitted, untagged, _ in listed} == {(1, 1)}


def test_both_counts_read_in_one_pass_are_those_of_the_responses_and_tags(area, other_area, admin_user):
    from django.db.models import OuterRef

    from consultations.models import Response
    from pcc_portal.core.counts import counts_of

    themes = ThemeFactory.create_batch(2)
    pattern = [(0, []), (3, []), (4, [0]), (5, [0, 1, 2]), (2, [0, 1]), (1, [0])]  # (submitted, tagged positions)
    for number, (submitted, tagged) in enumerate(pattern):
        consultation = ConsultationFactory(force_area=[area, other_area][number % 2], title=f"C{number}")
        responses = [ResponseFactory(consultation=consultation, submitted=True) for _ in range(submitted)]
        draft = ResponseFactory(consultation=consultation)  # a draft, tagged: counted nowhere
        ResponseTag.objects.create(response=draft, theme=themes[0])
        for position in tagged:
            for theme in themes[: 1 + position % 2]:  # some tagged twice
                ResponseTag.objects.create(response=responses[position], theme=theme)
    submitted = Response.objects.filter(consultation=OuterRef("pk"), status=Response.Status.SUBMITTED)
    untagged = ~Q(pk__in=ResponseTag.objects.values("response_id"))
    rows = Consultation.objects.values("title", counts=counts_of(submitted, all_as="submitted", untagged=untagged))
    for row in rows:
        consultation = Consultation.objects.get(title=row["title"])
        expected = consultation.responses.filter(status=Response.Status.SUBMITTED)
        assert row["counts"] == {"submitted": expected.count(), "untagged": expected.filter(tags__isnull=True).count()}
    staff = [UserFactory(opcc_staff=True, areas=[a]) for a in (area, other_area)]
    for user in (admin_user, *staff):
        for row in apps.get_app_config("consultations").dashboard_panels(user)[0].context["consultations"]:
            expected = Consultation.objects.get(pk=row.pk).responses.filter(status=Response.Status.SUBMITTED)
            assert (row.submitted, row.untagged) == (expected.count(), expected.filter(tags__isnull=True).count())
