"""Writes to panel business: each checks permission, validates, and runs in one transaction."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pcc_portal.core.docx_import import WordDocument
from pcc_portal.core.markdown import LIST_LINE
from pcc_portal.notifications.services import notify_on_commit

from .models import (
    COMPLAINT_TRANSITIONS,
    RESPONSE_TRANSITIONS,
    AgendaItem,
    AgendaReport,
    Attendance,
    Complaint,
    ConfirmationHearing,
    Declaration,
    Meeting,
    Membership,
    Panel,
    PanelReport,
    PreceptYear,
    Recommendation,
    ReportParagraph,
    VetoVote,
)
from .models.meetings import MAX_REPORT_PARAGRAPHS
from .models.statutory import no_veto_message
from .permissions import can_edit_papers, can_manage_panel, can_respond_to_recommendation
from .selectors import members_in_post


class TransitionError(ValidationError):
    """The object was not in a state that allows the change (perhaps someone else changed it)."""


@transaction.atomic
def meeting_create(
    *, user, panel: Panel, starts_at: datetime.datetime, venue: str, kind: str = Meeting.Kind.ORDINARY
) -> Meeting:
    """Schedule a meeting with the standing items every agenda opens with."""
    if not can_manage_panel(user, panel):
        raise PermissionDenied
    meeting = Meeting(panel=panel, starts_at=starts_at, venue=venue, kind=kind)
    meeting.full_clean()
    meeting.save()
    standing = [
        (AgendaItem.Kind.APOLOGIES, "Apologies for absence"),
        (AgendaItem.Kind.DECLARATIONS, "Declarations of interest"),
        (AgendaItem.Kind.MINUTES, "Minutes of the previous meeting"),
        (AgendaItem.Kind.PUBLIC_QUESTIONS, "Public question time"),
    ]
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, number=n, kind=kind, title=title) for n, (kind, title) in enumerate(standing, 1)
    )
    return meeting


@transaction.atomic
def meeting_publish_papers(*, user, meeting: Meeting, on: datetime.date | None = None) -> Meeting:
    """Publish the agenda and reports: the meeting's public page appears."""
    if not can_manage_panel(user, meeting.panel):
        raise PermissionDenied
    on = on or timezone.localdate()
    if on > meeting.meeting_date:
        raise ValidationError("Papers cannot be published after the meeting.")
    updated = Meeting.objects.filter(pk=meeting.pk, papers_published_on__isnull=True).update(papers_published_on=on)
    if not updated:
        raise TransitionError("The papers for this meeting are already published.")
    meeting.refresh_from_db()
    meeting.save()  # records the change in the meeting's history
    notify_on_commit(kind="panels.papers", object_id=meeting.pk)
    return meeting


@transaction.atomic
def recommendation_respond(
    *, user, recommendation: Recommendation, status: str, response: str, on: datetime.date | None = None
) -> Recommendation:
    """Record (or revise) the Commissioner's response to a recommendation."""
    if not can_respond_to_recommendation(user, recommendation):
        raise PermissionDenied
    source = recommendation.status
    if status not in RESPONSE_TRANSITIONS.get(source, set()):
        raise TransitionError(
            f"A recommendation that is “{recommendation.get_status_display()}” cannot become "
            f"“{Recommendation.Status(status).label if status in Recommendation.Status.values else status}”."
        )
    if not response.strip():
        raise ValidationError({"response": "Write the Commissioner's response."})
    on = on or timezone.localdate()
    updated = Recommendation.objects.filter(pk=recommendation.pk, status=source).update(
        status=status, response=response, responded_on=on
    )
    if not updated:
        raise TransitionError("Someone else has just changed this response; reload the page and try again.")
    recommendation.refresh_from_db()
    recommendation.full_clean()
    recommendation.save()  # history record of the new state
    notify_on_commit(kind="panels.response", object_id=recommendation.pk)
    return recommendation


@transaction.atomic
def panel_report_publish(*, user, report) -> None:
    """Publish the panel's report and every response given so far."""
    if not can_manage_panel(user, report.panel):
        raise PermissionDenied
    report.is_published = True
    report.full_clean()
    report.save()
    for rec in report.recommendations.exclude(status=Recommendation.Status.AWAITING).filter(is_published=False):
        rec.is_published = True
        rec.save()


@transaction.atomic
def veto_vote_record(
    *,
    user,
    panel: Panel,
    matter: str,
    voted_on: datetime.date,
    votes_for_veto: int,
    precept_year: PreceptYear | None = None,
    hearing: ConfirmationHearing | None = None,
) -> VetoVote:
    """Record a veto vote; the threshold is fixed by the members in post that day."""
    if not can_manage_panel(user, panel):
        raise PermissionDenied
    if hearing is not None and not hearing.veto_available:
        raise ValidationError("The panel cannot veto this appointment: only the Chief Constable's.")
    in_post = members_in_post(panel, on=voted_on).count()
    if votes_for_veto > in_post:
        raise ValidationError(
            {"votes_for_veto": f"Only {in_post} members were in post on that day; {votes_for_veto} cannot have voted."}
        )
    vote = VetoVote(
        panel=panel,
        matter=matter,
        voted_on=voted_on,
        members_in_post=in_post,
        votes_for_veto=votes_for_veto,
        precept_year=precept_year,
        hearing=hearing,
    )
    vote.full_clean()
    vote.save()
    if precept_year is not None and vote.carried:
        PreceptYear.objects.filter(pk=precept_year.pk).update(vetoed=True)
    return vote


@transaction.atomic
def precept_year_ensure(*, panel: Panel, year: int) -> PreceptYear:
    precept_year, _ = PreceptYear.objects.get_or_create(panel=panel, year=year)
    return precept_year


@transaction.atomic
def complaint_transition(*, user, complaint: Complaint, status: str, outcome: str = "") -> Complaint:
    if not can_manage_panel(user, complaint.panel):
        raise PermissionDenied
    source = complaint.status
    if status not in COMPLAINT_TRANSITIONS.get(source, set()):
        raise TransitionError(f"A complaint that is “{complaint.get_status_display()}” cannot move to that status.")
    changes = {"status": status}
    if outcome:
        changes["outcome"] = outcome
    if not Complaint.objects.filter(pk=complaint.pk, status=source).update(**changes):
        raise TransitionError("Someone else has just changed this complaint; reload and try again.")
    complaint.refresh_from_db()
    complaint.save()
    return complaint


@transaction.atomic
def agenda_item_create(*, user, meeting: Meeting, number: int, title: str, kind: str, is_exempt: bool) -> AgendaItem:
    if not can_manage_panel(user, meeting.panel):
        raise PermissionDenied
    item = AgendaItem(meeting=meeting, number=number, title=title, kind=kind, is_exempt=is_exempt)
    item.full_clean()
    item.save()
    return item


PARAGRAPH_FIELDS = ("section_heading", "heading", "text")


@transaction.atomic
def agenda_report_save(*, user, agenda_item: AgendaItem, fields: dict, paragraphs: list[dict]) -> AgendaReport:
    """Write the report and its paragraphs in the order given, all or nothing.

    Each paragraph is a dict of its words and "id", the paragraph it revises (None for a new one).
    Saved paragraphs not in the list are removed; positions follow the list's order.
    """
    if not can_edit_papers(user, agenda_item.meeting):
        raise PermissionDenied
    if len(paragraphs) > MAX_REPORT_PARAGRAPHS:
        raise ValidationError(f"A report takes at most {MAX_REPORT_PARAGRAPHS} paragraphs.")
    report = AgendaReport.objects.filter(agenda_item=agenda_item).first() or AgendaReport(agenda_item=agenda_item)
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    existing = {p.pk: p for p in report.paragraphs.all()}
    kept = {data["id"] for data in paragraphs if data.get("id")}
    if not kept <= existing.keys():
        raise ValidationError("A paragraph in the form belongs to another report; reload the page and try again.")
    report.paragraphs.exclude(pk__in=kept).delete()
    # Move the kept paragraphs out of the way first, so the unique positions never clash mid-way.
    report.paragraphs.update(position=F("position") + MAX_REPORT_PARAGRAPHS + 1)
    for position, data in enumerate(paragraphs, start=1):
        paragraph = existing[data["id"]] if data.get("id") else ReportParagraph(report=report)
        for name in PARAGRAPH_FIELDS:
            setattr(paragraph, name, data.get(name, ""))
        paragraph.position = position
        paragraph.full_clean()
        paragraph.save()
    return report


def _word_blocks(markdown_text: str) -> list[str]:
    """Split a section's Markdown into paragraphs; a list, table or indented line stays with the text above it."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", markdown_text.strip()):
        if not chunk.strip():
            continue
        first = chunk.split("\n", 1)[0]
        follows = LIST_LINE.match(first) or first.lstrip().startswith("|") or first.startswith((" ", "\t"))
        if blocks and follows:
            blocks[-1] += "\n\n" + chunk
        else:
            blocks.append(chunk)
    return blocks


@transaction.atomic
def agenda_report_from_word(*, user, agenda_item: AgendaItem, document: WordDocument) -> AgendaReport:
    """Start the item's report from a Word file: its headings become sections, its paragraphs numbered blocks.

    Headings of levels 1 and 2 start sections; deeper ones become sub-headings.
    A heading that repeats the title (the subject) is not repeated in the body.
    """
    if not can_edit_papers(user, agenda_item.meeting):
        raise PermissionDenied
    if AgendaReport.objects.filter(agenda_item=agenda_item).exists():
        raise ValidationError("This agenda item already has a report. Edit it, or start a Word file on another item.")
    subject = (document.title or agenda_item.title)[:250]
    paragraphs: list[dict] = []
    for section in document.sections:
        heading = "" if section.heading == subject else section.heading[:200]
        words = {"section_heading": heading} if section.level <= 2 else {"heading": heading}
        blocks = _word_blocks(section.markdown) or [""]
        for index, text in enumerate(blocks):
            block = {"id": None, "section_heading": "", "heading": "", "text": text}
            if index == 0:
                block.update(words)
            if block["section_heading"] or block["heading"] or block["text"]:
                paragraphs.append(block)
    if len(paragraphs) > MAX_REPORT_PARAGRAPHS:
        raise ValidationError(
            f"This Word file makes {len(paragraphs)} paragraphs; a report takes at most {MAX_REPORT_PARAGRAPHS}."
        )
    return agenda_report_save(user=user, agenda_item=agenda_item, fields={"subject": subject}, paragraphs=paragraphs)


@transaction.atomic
def membership_create(*, user, panel: Panel, **fields) -> Membership:
    if not can_manage_panel(user, panel):
        raise PermissionDenied
    membership = Membership(panel=panel, **fields)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def complaint_create(*, user, panel: Panel, received_on: datetime.date, complainant: str, summary: str) -> Complaint:
    if not can_manage_panel(user, panel):
        raise PermissionDenied
    complaint = Complaint(panel=panel, received_on=received_on, complainant=complainant, summary=summary)
    complaint.full_clean()
    complaint.save()
    return complaint


@transaction.atomic
def panel_report_save(
    *, user, panel: Panel, report: PanelReport | None, fields: dict, recommendations: list[dict], removed_ids: list[int]
) -> PanelReport:
    """Write the panel's report and its recommendations; sub-points name their parent by its label.

    A recommendation that already has a response is never deleted: the response would be lost.
    """
    if not can_manage_panel(user, panel):
        raise PermissionDenied
    report = report or PanelReport(panel=panel)
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    if removed_ids:
        answered = report.recommendations.filter(pk__in=removed_ids).exclude(status=Recommendation.Status.AWAITING)
        if answered.exists():
            labels = ", ".join(f"({r.label})" for r in answered)
            raise ValidationError(f"Recommendations with a response cannot be deleted: {labels}.")
        report.recommendations.filter(pk__in=removed_ids).delete()
    by_label: dict[str, Recommendation] = {}
    ordered = sorted(recommendations, key=lambda r: bool(r.get("parent_label")))
    for data in ordered:
        data = dict(data)
        parent_label = (data.pop("parent_label", "") or "").strip().strip("()")
        instance = data.pop("instance", None) or Recommendation(report=report)
        for name, value in data.items():
            setattr(instance, name, value)
        instance.report = report
        instance.parent = None
        if parent_label:
            if parent_label not in by_label:
                raise ValidationError(
                    f"Sub-point ({instance.label}) names ({parent_label}), which is not a recommendation here."
                )
            instance.parent = by_label[parent_label]
        if instance.response_due_on is None:
            instance.response_due_on = report.responses_due_on
        instance.full_clean()
        instance.save()
        if not parent_label:
            by_label[instance.label] = instance
    return report


@transaction.atomic
def meeting_record(
    *,
    user,
    meeting: Meeting,
    attendance: dict[int, tuple[str, str]],
    decisions: dict[int, str],
    minutes: str,
    minutes_approved: bool,
) -> Meeting:
    """Record who attended, what was decided on each item, and the minutes."""
    if not can_manage_panel(user, meeting.panel):
        raise PermissionDenied
    valid_members = set(members_in_post(meeting.panel, on=meeting.meeting_date).values_list("pk", flat=True))
    for membership_id, (status, substitute) in attendance.items():
        if membership_id not in valid_members:
            raise ValidationError("Attendance can only be recorded for members in post on the day of the meeting.")
        if not status:
            Attendance.objects.filter(meeting=meeting, membership_id=membership_id).delete()
            continue
        if status == Attendance.Status.SUBSTITUTE and not substitute.strip():
            raise ValidationError("Name the substitute for each member marked “Substitute attended”.")
        row = Attendance.objects.filter(meeting=meeting, membership_id=membership_id).first() or Attendance(
            meeting=meeting, membership_id=membership_id
        )
        row.status, row.substitute_name = status, substitute.strip()
        row.full_clean()
        row.save()
    for item in meeting.agenda_items.filter(pk__in=decisions):
        if item.decision != decisions[item.pk]:
            item.decision = decisions[item.pk]
            item.save()
    meeting.minutes, meeting.minutes_approved = minutes, minutes_approved
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def declaration_create(*, user, meeting: Meeting, membership: Membership, agenda_item, interest: str) -> Declaration:
    if not can_manage_panel(user, meeting.panel):
        raise PermissionDenied
    declaration = Declaration(meeting=meeting, membership=membership, agenda_item=agenda_item, interest=interest)
    declaration.full_clean()
    declaration.save()
    return declaration


@transaction.atomic
def hearing_create(*, user, panel: Panel, **fields) -> ConfirmationHearing:
    if not can_manage_panel(user, panel):
        raise PermissionDenied
    hearing = ConfirmationHearing(panel=panel, **fields)
    hearing.full_clean()
    hearing.save()
    return hearing


@transaction.atomic
def hearing_outcome_record(
    *,
    user,
    hearing: ConfirmationHearing,
    reported_on: datetime.date,
    recommendation: str,
    vetoed: bool = False,
    votes_for_veto: int | None = None,
    today: datetime.date | None = None,
) -> ConfirmationHearing:
    """Record (or correct) the panel's report on a proposed appointment, and its veto vote if one was held.

    Only a proposed Chief Constable may be vetoed (Sch 8); the vote is kept as a
    VetoVote counted against the members in post on the day the panel reported,
    and "vetoed" must agree with it (two-thirds of those members, rounded up).
    """
    if not can_manage_panel(user, hearing.panel):
        raise PermissionDenied
    hearing = ConfirmationHearing.objects.select_for_update().select_related("panel").get(pk=hearing.pk)
    today = today or timezone.localdate()
    if (vetoed or votes_for_veto is not None) and not hearing.veto_available:
        raise ValidationError({"vetoed": no_veto_message(hearing)})
    if reported_on > today:
        raise ValidationError({"reported_on": "The report date cannot be in the future."})
    if not recommendation.strip():
        raise ValidationError({"recommendation": "Write the panel's report and recommendation."})
    if vetoed and votes_for_veto is None:
        raise ValidationError({"votes_for_veto": "Enter how many members voted for the veto."})
    hearing.reported_on, hearing.recommendation, hearing.vetoed = reported_on, recommendation, vetoed
    hearing.full_clean()
    hearing.save()
    hearing.votes.all().delete()  # a corrected outcome replaces the vote recorded with it (history keeps both)
    if votes_for_veto is not None:
        vote = veto_vote_record(
            user=user,
            panel=hearing.panel,
            matter=VetoVote.Matter.CHIEF_CONSTABLE,
            voted_on=reported_on,
            votes_for_veto=votes_for_veto,
            hearing=hearing,
        )
        counted = (
            f"{vote.votes_for_veto} of the {vote.members_in_post} members in post on "
            f"{reported_on:%-d %B %Y} voted to veto; a veto needs {vote.threshold}"
        )
        if vetoed and not vote.carried:
            raise ValidationError({"votes_for_veto": f"{counted}, so the veto was not carried."})
        if vote.carried and not vetoed:
            raise ValidationError({"vetoed": f"{counted}, so the veto was carried: tick “The panel vetoed”."})
    return hearing


@transaction.atomic
def precept_year_record(*, user, precept_year: PreceptYear, **dates) -> PreceptYear:
    """Record the dates each precept step was met; the deadlines then count as done."""
    if not can_manage_panel(user, precept_year.panel):
        raise PermissionDenied
    for name, value in dates.items():
        setattr(precept_year, name, value)
    precept_year.full_clean()
    precept_year.save()
    return precept_year


@transaction.atomic
def membership_update(*, user, membership: Membership, **fields) -> Membership:
    """Change a membership, e.g. record the day it ended or a new chair."""
    if not can_manage_panel(user, membership.panel):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def meeting_update(*, user, meeting: Meeting, starts_at: datetime.datetime, venue: str, kind: str) -> Meeting:
    """Reschedule or move a meeting; the papers due date follows the new date."""
    if not can_manage_panel(user, meeting.panel):
        raise PermissionDenied
    meeting.starts_at, meeting.venue, meeting.kind = starts_at, venue, kind
    if meeting.papers_published_on and meeting.papers_published_on > meeting.meeting_date:
        raise ValidationError("The papers were published after that date; choose a later date.")
    meeting.full_clean()
    meeting.save()
    return meeting
