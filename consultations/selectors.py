"""Reads of events, consultations and responses, always scoped to the asking user."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from partners.models import Organisation, OrganisationType
from partners.selectors import organisation_of
from pcc_portal.accounts.models import Role
from pcc_portal.core.counts import count_of, counts_of
from pcc_portal.core.dates import long_date
from pcc_portal.core.links import path_maker
from pcc_portal.core.querytemplates import template_rows

from .models import (
    Action,
    Answer,
    Attendee,
    Consultation,
    ConsultationEvent,
    FeedbackDelivery,
    Finding,
    Outcome,
    Question,
    Response,
    ResponseTag,
    Session,
    Theme,
)

AREA_VIEWER_ROLES = {Role.OPCC_STAFF, Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER}
# The report's action headings, as in the Deep Dives final report (001).
ACTION_HEADINGS = {
    Action.Responsible.LOCAL_PARTNERS: "What do local partners need to do?",
    Action.Responsible.HOME_OFFICE: "What does the Home Office need to do?",
}


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- Events ---------------------------------------------------------------------------------------


def events_visible_to(user) -> QuerySet[ConsultationEvent]:
    """Return the events the user may read: OPCC staff and panel people of one of their areas."""
    if not _active(user):
        return ConsultationEvent.objects.none()
    if user.is_administrator:
        return ConsultationEvent.objects.all()
    if user.role not in AREA_VIEWER_ROLES:
        return ConsultationEvent.objects.none()
    ids = ConsultationEvent.objects.filter(force_areas__in=user.area_ids).values("pk")
    return ConsultationEvent.objects.filter(pk__in=ids)


def events_managed_by(user) -> QuerySet[ConsultationEvent]:
    """Return the events the user may change: OPCC staff of one of the event's areas."""
    if not _active(user):
        return ConsultationEvent.objects.none()
    if user.is_administrator:
        return ConsultationEvent.objects.all()
    if user.role != Role.OPCC_STAFF:
        return ConsultationEvent.objects.none()
    ids = ConsultationEvent.objects.filter(force_areas__in=user.area_ids).values("pk")
    return ConsultationEvent.objects.filter(pk__in=ids)


def manages_event(user, event: ConsultationEvent) -> bool:
    """Check whether events_managed_by(user) holds the stored event, from the event's areas as stored (their
    prefetch when the event was read with one: the event's page reads them anyway)."""
    if not _active(user) or event.pk is None:
        return False
    if user.is_administrator:
        return True
    if user.role != Role.OPCC_STAFF:
        return False
    return any(area.pk in user.area_ids for area in event.force_areas.all())


def events_for_page(user) -> QuerySet[ConsultationEvent]:
    """Return the events the user may read (events_visible_to), each read with its areas, its count of findings
    and its count of participants already sent the feedback summary (counts of the event alone, not its children's).
    """
    return (
        events_visible_to(user)
        .prefetch_related("force_areas")
        .annotate(
            finding_count=count_of(Finding.objects.filter(event=OuterRef("pk"))),
            sent_count=count_of(FeedbackDelivery.objects.filter(event=OuterRef("pk"), sent_at__isnull=False)),
        )
    )


def event_list(user) -> QuerySet[ConsultationEvent]:
    return (
        events_visible_to(user)
        .filter(parent__isnull=True)
        .prefetch_related("force_areas")
        .annotate(session_count=Count("sessions", distinct=True), finding_count=Count("findings", distinct=True))
        .order_by("-starts_on", "title")
    )


def event_family(event: ConsultationEvent) -> list[ConsultationEvent]:
    """Return the event followed by its child events (a programme's events)."""
    children = list(event.children.prefetch_related("force_areas").order_by("starts_on", "title"))
    return [event, *children]


def event_family_visible_to(event: ConsultationEvent, user) -> list[ConsultationEvent]:
    """Return the event followed by those of its child events the user may read, each child with its
    finding_count."""
    visible = events_visible_to(user).values("pk")
    children = (
        event.children.filter(pk__in=visible)
        .prefetch_related("force_areas")
        .annotate(finding_count=count_of(Finding.objects.filter(event=OuterRef("pk"))))
        .order_by("starts_on", "title")
    )
    return [event, *children]


def session_tier_warning(seniorities: Iterable[str]) -> str:
    """Return a warning when a session's representatives (their seniorities, blank when not recorded) are not of
    equivalent seniority."""
    tiers = {seniority for seniority in seniorities if seniority}
    if len(tiers) <= 1:
        return ""
    from partners.models import SeniorityTier

    labels = sorted(SeniorityTier(t).label.lower() for t in tiers)
    return (
        f"This session mixes seniority tiers ({', '.join(labels)}): representatives should be of equivalent seniority."
    )


ATTENDEE_FIELDS = ("session_id", "organisation__name", "contact_id", "contact__full_name", "name", "role", "seniority",
                   "attended")  # fmt: skip


def event_sessions(event: ConsultationEvent, *, family: list[ConsultationEvent] | None = None) -> list[Session]:
    """Return the sessions of the event and its child events (or of `family`), each with its attendees as rows of
    ATTENDEE_FIELDS in `attendee_list` (by organisation name) and its `tier_warning`.

    An event has dozens of attendees: rows of the columns the page shows, rather than three models each (the
    attendee, its organisation and its contact) gathered by a prefetch.
    """
    family_ids = [e.pk for e in (family if family is not None else event_family(event))]
    sessions = list(
        Session.objects.select_related("force_area")
        .filter(event_id__in=family_ids)
        .order_by("force_area__name", "position", "pk")
    )
    by_pk = {session.pk: session for session in sessions}
    for session in sessions:
        session.attendee_list = []
    if sessions:
        attendees = Attendee.objects.filter(session_id__in=list(by_pk)).order_by("organisation__name", "pk")
        for row in attendees.values(*ATTENDEE_FIELDS):
            by_pk[row["session_id"]].attendee_list.append(row)
    for session in sessions:
        session.tier_warning = session_tier_warning(a["seniority"] for a in session.attendee_list)
    return sessions


@dataclass
class ThemeSection:
    theme: Theme
    findings: list = field(default_factory=list)
    area_names: list = field(default_factory=list)


@dataclass
class Paragraph:
    number: int
    text: str
    meta: str = ""


@dataclass
class ReportSection:
    heading: str
    paragraphs: list = field(default_factory=list)
    subsections: list = field(default_factory=list)
    note: str = ""


def findings_report(event: ConsultationEvent) -> dict:
    """Build the findings report of an event (and its child events), with numbered paragraphs.

    Structured like the Deep Dives final report (seed 001): executive summary,
    method (areas and sessions), findings grouped by theme with how many areas
    raised each, and the actions for local partners and for the Home Office.
    """
    family = event_family(event)
    family_ids = [e.pk for e in family]
    areas = sorted({a for e in family for a in e.force_areas.all()}, key=lambda a: a.name)
    # The report lists sessions, not who attended them: no attendees to read.
    sessions = list(
        Session.objects.select_related("force_area")
        .filter(event_id__in=family_ids)
        .order_by("force_area__name", "position", "pk")
    )
    findings = list(
        Finding.objects.filter(event_id__in=family_ids)
        .select_related("theme", "session", "session__force_area")
        .prefetch_related("areas")
    )
    # Within a theme: the programme's own findings first, then each event's, in order.
    findings.sort(key=lambda f: (f.theme.position, f.theme.name, f.event_id != event.pk, f.event_id, f.position, f.pk))
    actions = list(Action.objects.filter(event_id__in=family_ids).order_by("responsible", "position", "pk"))

    number = 0

    def numbered(text: str, meta: str = "") -> Paragraph:
        nonlocal number
        number += 1
        return Paragraph(number=number, text=text, meta=meta)

    summary = ReportSection(heading="Executive summary")
    for block in _blocks(event.executive_summary):
        summary.paragraphs.append(numbered(block))

    method = ReportSection(heading="Method")
    for block in _blocks(event.method):
        method.paragraphs.append(numbered(block))
    kinds = Counter(s.get_kind_display() for s in sessions)
    method.paragraphs.append(
        numbered(
            f"The events took place in {_join([a.name for a in areas])}, "
            f"with {len(sessions)} session{'s' if len(sessions) != 1 else ''}: "
            + _join([f"{count} {kind.lower()}{'s' if count != 1 else ''}" for kind, count in sorted(kinds.items())])
            + "."
        )
    )

    by_theme: dict[int, ThemeSection] = {}
    for finding in findings:
        section = by_theme.setdefault(finding.theme_id, ThemeSection(theme=finding.theme))
        section.findings.append(finding)
    themes_sections = []
    groups: dict[str, ReportSection] = {}
    for section in by_theme.values():
        area_names = sorted(
            {a.name for f in section.findings for a in f.areas.all()}
            | {f.session.force_area.name for f in section.findings if f.session_id}
        )
        section.area_names = area_names
        group = groups.get(section.theme.group)
        if group is None:
            group = groups[section.theme.group] = ReportSection(heading=section.theme.group)
            themes_sections.append(group)
        sub = ReportSection(
            heading=section.theme.name if section.theme.name != section.theme.group else "",
            note=f"Raised in {len(area_names)} of {len(areas)} area{'s' if len(areas) != 1 else ''}"
            + (f": {_join(area_names)}." if area_names else "."),
        )
        for finding in section.findings:
            meta = ""
            if finding.session_id:
                meta = f"{finding.session.title}, {finding.session.force_area.name}"
            sub.paragraphs.append(numbered(finding.text, meta))
        group.subsections.append(sub)

    action_sections = []
    for responsible, heading in ACTION_HEADINGS.items():
        items = [a for a in actions if a.responsible == responsible]
        if not items:
            continue
        section = ReportSection(heading=heading)
        intro = (
            event.local_partners_intro if responsible == Action.Responsible.LOCAL_PARTNERS else event.home_office_intro
        )
        for block in _blocks(intro):
            section.paragraphs.append(numbered(block))
        for action in items:
            meta = f"Owner: {action.owner or 'not assigned'} · Status: {action.get_status_display()}"
            text = f"**{action.heading}.** {action.text}" if action.heading else action.text
            section.paragraphs.append(numbered(text, meta))
        action_sections.append(section)

    return {
        "event": event,
        "family": family,
        "areas": areas,
        "sessions": sessions,
        "session_kinds": [k for k, _ in Session.Kind.choices if any(s.kind == k for s in sessions)],
        "session_kind_labels": [label for k, label in Session.Kind.choices if any(s.kind == k for s in sessions)],
        "summary": summary,
        "method": method,
        "theme_groups": themes_sections,
        "action_sections": action_sections,
        "finding_count": len(findings),
    }


def _blocks(text: str) -> list[str]:
    """Split Markdown into paragraphs; a list or an aside belongs to the paragraph before it."""
    blocks: list[str] = []
    for block in (text or "").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if blocks and block.startswith(("- ", "* ", "(")):
            blocks[-1] = f"{blocks[-1]}\n\n{block}"
        else:
            blocks.append(block)
    return blocks


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- Consultations --------------------------------------------------------------------------------


def consultations_visible_to(user) -> QuerySet[Consultation]:
    """Return the consultations the user may read.

    Anyone sees published public consultations; OPCC staff see all of their
    areas' consultations; panel people see their areas' published ones; a
    partner user sees published ones their organisation is invited to.
    """
    published_public = Q(status=Consultation.Status.PUBLISHED, audience=Consultation.Audience.PUBLIC)
    if not _active(user):
        return Consultation.objects.filter(published_public)
    if user.is_administrator:
        return Consultation.objects.all()
    condition = published_public
    if user.role == Role.OPCC_STAFF:
        condition |= Q(force_area_id__in=user.area_ids)
    elif user.role in (Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER):
        condition |= Q(status=Consultation.Status.PUBLISHED, force_area_id__in=user.area_ids)
    elif user.role == Role.PARTNER:
        organisation = organisation_of(user)
        if organisation is not None:
            invited = Consultation.objects.filter(invited_organisations=organisation).values("pk")
            condition |= Q(status=Consultation.Status.PUBLISHED, pk__in=invited)
    return Consultation.objects.filter(condition)


def consultations_managed_by(user) -> QuerySet[Consultation]:
    """Return the consultations the user may change and analyse: OPCC staff of the area."""
    area_ids = _managed_area_ids(user)
    if area_ids == frozenset():
        return Consultation.objects.none()
    return _consultations_in(area_ids)


def manages_consultation(user, consultation: Consultation) -> bool:
    """Check whether consultations_managed_by(user) holds the consultation, from the area it was read with."""
    area_ids = _managed_area_ids(user)
    if consultation.pk is None or area_ids == frozenset():
        return False
    return area_ids is None or consultation.force_area_id in area_ids


def consultations_for_page(user) -> QuerySet[Consultation]:
    """Return the consultations the user may read (consultations_visible_to), each read with its area, its plan
    version's plan and its count of the responses counted (counted)."""
    submitted = counted(Response.objects.filter(consultation=OuterRef("pk")))
    return (
        consultations_visible_to(user)
        .select_related("force_area", "plan_version__plan")
        .annotate(response_count=count_of(submitted))
    )


def _managed_area_ids(user) -> frozenset[int] | None:
    """Return the areas whose consultations the user manages: their own for OPCC staff, None (every area) for
    administrators, none for anyone else."""
    if not _active(user):
        return frozenset()
    if user.is_administrator:
        return None
    return frozenset(user.area_ids) if user.role == Role.OPCC_STAFF else frozenset()


def _consultations_in(area_ids: frozenset[int] | None) -> QuerySet[Consultation]:
    """Return the consultations of the areas (None: every area)."""
    consultations = Consultation.objects.all()
    return consultations if area_ids is None else consultations.filter(force_area_id__in=area_ids)


@dataclass(slots=True)
class ConsultationToAnalyse:
    """A consultation as the staff dashboard lists it: read as values, its link and its closing written once."""

    pk: int
    title: str
    closes_at: datetime.datetime
    submitted: int
    untagged: int
    analysis_url: str
    submitted_plural: str  # as the pluralize filter writes it
    closing: str  # "closes 1 October 2026" or "closed ..." at the moment asked, in the current time zone


def dashboard_consultations_to_analyse(user, *, now: datetime.datetime, size: int = 10) -> list[ConsultationToAnalyse]:
    """Return the published consultations the user manages (consultations_managed_by) with submitted responses,
    latest closing first, each with its count of submitted responses and of those not yet tagged.

    Every staff dashboard asks it: its query is compiled once per shape (pcc_portal.core.querytemplates), with the
    areas whose consultations the user manages as the scope. The rows are read as values, not model objects.
    """
    area_ids = _managed_area_ids(user)
    if area_ids == frozenset():
        return []
    analysis_path = path_maker("consultations:analysis")
    build = partial(_to_analyse_query, size=size)
    rows = template_rows(("consultations.dashboard_to_analyse", size), build, area_ids=area_ids)
    return [
        ConsultationToAnalyse(
            pk=row["pk"],
            title=row["title"],
            closes_at=row["closes_at"],
            submitted=row["counts"]["submitted"],
            untagged=row["counts"]["untagged"],
            analysis_url=analysis_path(row["pk"]),
            submitted_plural="" if row["counts"]["submitted"] == 1 else "s",
            closing=f"{'closes' if row['closes_at'] > now else 'closed'} {_long_local_date(row['closes_at'])}",
        )
        for row in rows
    ]


def _long_local_date(moment: datetime.datetime) -> str:
    """Return the moment's day in the current time zone as the date filter's "j F Y" writes it."""
    return long_date(timezone.localtime(moment))


def _to_analyse_query(*, area_ids: frozenset[int] | None = None, size: int) -> QuerySet:
    """Return the rows of dashboard_consultations_to_analyse.

    Both counts come from one subquery of the consultation's submitted responses (counts_of: one pass over a
    consultation's 20,000, where a subquery each read them twice), read from the (consultation, status)
    index, and "has any" is an EXISTS: the latest closing are taken in the closing date's order and only those
    shown are counted. Joining every response and its tags, then grouping, read all 20,000 of a large
    consultation's responses whichever consultations were shown. A response is untagged when its id is not
    among the tags' of the areas' responses (a set the database hashes once), not an anti-join probed once per
    response (13 ms over the 20,000); the areas' tags, not every tag, so that a staff member's few are hashed.
    """
    submitted = Response.objects.filter(consultation=OuterRef("pk"), status=Response.Status.SUBMITTED)
    tags = ResponseTag.objects.all()
    if area_ids is not None:
        tags = tags.filter(response__consultation__force_area_id__in=area_ids)
    counts = counts_of(submitted, all_as="submitted", untagged=~Q(pk__in=tags.values("response_id")))
    return (
        _consultations_in(area_ids)
        .filter(Exists(submitted), status=Consultation.Status.PUBLISHED)
        .order_by("-closes_at", "title", "pk")  # title, pk: consultations closing together in a stable order
        .values("pk", "title", "closes_at", counts=counts)[:size]
    )


def counted(responses: QuerySet[Response]) -> QuerySet[Response]:
    """Only submitted responses count (a public one once its email is confirmed)."""
    return responses.filter(status=Response.Status.SUBMITTED)


def consultation_list(user) -> QuerySet:
    """Return the user's consultations as rows of what the list shows, each with its count of submitted responses.

    The count is a subquery per consultation, read from the (consultation, status) index: a join and a
    DISTINCT count grouped every column of every consultation over all of their responses. Rows rather than
    model objects: the list shows every consultation the user can read (a staff member's area and every
    public one), and building an object for each cost more than reading it.
    """
    submitted = Response.objects.filter(consultation=OuterRef("pk"), status=Response.Status.SUBMITTED)
    return (
        consultations_visible_to(user)
        .order_by("-closes_at", "title")
        .values(
            "pk",
            "title",
            "opens_at",
            "closes_at",
            "audience",
            "status",
            area_name=F("force_area__name"),
            response_count=count_of(submitted),
        )
    )


def public_consultations() -> QuerySet[Consultation]:
    return consultations_visible_to(None).select_related("force_area").order_by("-closes_at")


def responses_visible_to(user) -> QuerySet[Response]:
    """Return the responses the user may read.

    A partner user sees their own organisation's responses (drafts included)
    and published ones; OPCC staff of the area see submitted responses; anyone
    else sees only published responses of consultations they can see.
    """
    published = Q(
        published_at__isnull=False,
        publication_consent=True,
        status=Response.Status.SUBMITTED,
        consultation__in=consultations_visible_to(user).values("pk"),
    )
    if not _active(user):
        return Response.objects.filter(published)
    if user.is_administrator:
        return Response.objects.all()
    condition = published
    if user.role == Role.OPCC_STAFF:
        condition |= Q(status=Response.Status.SUBMITTED, consultation__force_area_id__in=user.area_ids)
    elif user.role == Role.PARTNER:
        organisation = organisation_of(user)
        if organisation is not None:
            condition |= Q(organisation=organisation)
    return Response.objects.filter(condition)


def responses_for_analysis(consultation: Consultation) -> QuerySet[Response]:
    """Return the counted responses with their theme tags as a list, `tag_list`.

    A list rather than the prefetched `tags` manager: Django builds a queryset for each response's manager, which
    cost more than reading the tags.
    """
    return (
        counted(consultation.responses.all())
        .select_related("organisation")
        .prefetch_related(Prefetch("tags", queryset=ResponseTag.objects.select_related("theme"), to_attr="tag_list"))
        .order_by("submitted_at", "pk")
    )


ExportResponse = tuple[int, str, str | None, str | None, str, str, datetime.datetime | None, bool]


def responses_for_export(
    consultation: Consultation,
) -> tuple[list[ExportResponse], dict[int, dict[int, tuple[str, list, int | None]]], dict[int, set[str]]]:
    """Return the counted responses in submission order as rows of (pk, reference, organisation's name and type,
    respondent's organisation, respondent's name, submitted at, publication consent); each one's answers as
    (text, selected, rating) by question; and each one's theme names.

    Everything is read as values: an export of hundreds of responses spent most of its time building a
    response, organisation, answer, tag and theme object for every row and cell.
    """
    counted_here = counted(consultation.responses.all())
    responses = list(
        counted_here.order_by("submitted_at", "pk").values_list(
            "pk",
            "reference",
            "organisation__name",
            "organisation__org_type",
            "respondent_organisation",
            "respondent_name",
            "submitted_at",
            "publication_consent",
        )
    )
    answers: dict[int, dict[int, tuple[str, list, int | None]]] = defaultdict(dict)
    for response_id, question_id, text, selected, rating in (
        Answer.objects.filter(response__in=counted_here.values("pk"))
        .order_by()  # one answer per question: no order needed, nor the join to questions for it
        .values_list("response_id", "question_id", "text", "selected", "rating")
    ):
        answers[response_id][question_id] = (text, selected, rating)
    themes: dict[int, set[str]] = defaultdict(set)
    for response_id, name in (
        ResponseTag.objects.filter(response__in=counted_here.values("pk"))
        .order_by()
        .values_list("response_id", "theme__name")
    ):
        themes[response_id].add(name)
    return responses, answers, themes


def organisation_response(consultation: Consultation, organisation: Organisation | None) -> Response | None:
    if organisation is None:
        return None
    return consultation.responses.filter(organisation=organisation).first()


@dataclass(slots=True)
class AnswerRow:
    """An answer as the analysis lists and counts it: read as values, with its response from those already read."""

    pk: int
    response: Response
    text: str
    selected: list[str]
    rating: int | None
    excerpt: str = ""


def question_summaries(consultation: Consultation, *, responses: list[Response]) -> list[dict]:
    """Return each question with its answers (or counts of each choice and rating).

    `responses` are the counted responses already read (responses_for_analysis): each answer is
    given its response from them rather than reading every response and organisation again. Answers are
    read as values: a consultation's hundreds of answers cost more as model objects than the rest of the page.
    """
    questions = list(consultation.questions.all())
    by_response = {response.pk: response for response in responses}
    answers = (
        Answer.objects.filter(response__consultation=consultation, response__status=Response.Status.SUBMITTED)
        .order_by("response__submitted_at", "pk")
        .values_list("pk", "response_id", "question_id", "text", "selected", "rating")
    )
    by_question: dict[int, list[AnswerRow]] = {q.pk: [] for q in questions}
    for pk, response_id, question_id, text, selected, rating in answers:
        response = by_response.get(response_id)
        if response is None or Answer.empty_values(text, selected, rating):
            continue  # empty, or submitted since the responses were read
        by_question.setdefault(question_id, []).append(AnswerRow(pk, response, text, selected, rating))
    result = []
    for question in questions:
        items = by_question.get(question.pk, [])
        counts: list[tuple[str, int]] = []
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            tally = Counter(choice for a in items for choice in a.selected)
            counts = [(choice, tally.get(choice, 0)) for choice in question.choices]
        elif question.kind == Question.Kind.RATING:
            tally = Counter(a.rating for a in items)
            counts = [(str(n), tally.get(n, 0)) for n in range(1, Question.RATING_MAX + 1)]
        result.append({"question": question, "answers": items, "counts": counts, "answered": len(items)})
    return result


def theme_counts(responses: list[Response]) -> list[tuple[Theme, int]]:
    """Return each theme with the number of the responses tagged with it, most first.

    `responses` are the counted responses with their tags and themes already read (responses_for_analysis).
    """
    themes: dict[int, Theme] = {}
    tally: Counter[int] = Counter()
    for response in responses:
        tagged = {tag.theme_id: tag.theme for tag in response.tag_list}
        themes.update(tagged)
        tally.update(tagged.keys())
    rows = sorted(tally.items(), key=lambda row: (-row[1], themes[row[0]].position, themes[row[0]].name))
    return [(themes[theme_id], count) for theme_id, count in rows]


def organisation_type_counts(responses: list[Response]) -> list[tuple[str, int]]:
    """Return the responses by type of organisation (the public counted as one group), most first.

    `responses` are the counted responses with their organisations already read.
    """
    tally = Counter(response.organisation.org_type if response.organisation_id else None for response in responses)
    rows = sorted(tally.items(), key=lambda row: (-row[1], row[0] is None, row[0] or ""))
    labels = dict(OrganisationType.choices)
    return [(labels.get(org_type, "Members of the public"), total) for org_type, total in rows]


def consultations_open_for(user, *, at=None) -> QuerySet[Consultation]:
    at = at or timezone.now()
    return consultations_visible_to(user).filter(
        status=Consultation.Status.PUBLISHED, opens_at__lte=at, closes_at__gt=at
    )


def outcomes_of(consultation: Consultation) -> QuerySet[Outcome]:
    return consultation.outcomes.select_related("changed_plan_version__plan").prefetch_related("themes")


def public_outcomes_consultations() -> QuerySet[Consultation]:
    """Consultations whose "You said, we did" is published: public whatever the audience."""
    return Consultation.objects.filter(status=Consultation.Status.PUBLISHED, outcomes_published_at__isnull=False)
