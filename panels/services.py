"""Writes to panel business: each checks permission, validates, and runs in one transaction."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from partners.models import Organisation, PartnershipArea
from pcc_portal.accounts.models import AccountInvitation, ForceArea, Role
from pcc_portal.accounts.services import account_invitation_create, user_create
from pcc_portal.core.docx_import import WordDocument
from pcc_portal.core.markdown import LIST_LINE
from pcc_portal.notifications.services import notify_on_commit

from .models import (
    COMPLAINT_TRANSITIONS,
    RESPONSE_TRANSITIONS,
    AgendaItem,
    AgendaReport,
    Attendance,
    CommissionerResponse,
    Complaint,
    ConfirmationHearing,
    Declaration,
    Meeting,
    Membership,
    MinutesStatus,
    Panel,
    PanelReport,
    PreceptYear,
    Recommendation,
    ReportAppendix,
    ReportParagraph,
    VetoVote,
)
from .models.meetings import MAX_REPORT_PARAGRAPHS
from .models.statutory import no_veto_message
from .permissions import can_edit_papers, can_manage_panel, can_respond_to_report, can_set_up_area
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


def _status_label(status: str) -> str:
    return Recommendation.Status(status).label if status in Recommendation.Status.values else status


@transaction.atomic
def response_save(
    *,
    user,
    report: PanelReport,
    recommendations: list[Recommendation],
    text: str,
    status: str,
    section_heading: str = "",
    response: CommissionerResponse | None = None,
    on: datetime.date | None = None,
) -> CommissionerResponse:
    """Write (or revise) a Commissioner's response to one or several recommendations, or to a whole section.

    Every recommendation it answers takes the position given; a recommendation
    may answer to several responses (e.g. one for its section and its own).
    """
    if not can_respond_to_report(user, report):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": "Write the Commissioner's response."})
    headings = set(report.recommendations.exclude(heading="").values_list("heading", flat=True))
    if section_heading and section_heading not in headings:
        raise ValidationError({"section_heading": "Choose a section heading of this report."})
    if section_heading:
        recommendations = list(_section_recommendations(report, section_heading))
    if not recommendations:
        raise ValidationError(
            {"recommendations": "Choose the recommendations this response answers, or the section it answers."}
        )
    if any(rec.report_id != report.pk for rec in recommendations):
        raise ValidationError({"recommendations": "A response answers recommendations of its own report only."})
    response = response or CommissionerResponse(report=report, written_by=user)
    previously = set(response.recommendations.values_list("pk", flat=True)) if response.pk else set()
    response.text, response.section_heading = text, section_heading
    response.responded_on = on or response.responded_on or timezone.localdate()
    response.full_clean()
    response.save()
    response.recommendations.set(recommendations)
    for rec in recommendations:
        if rec.status != status:
            if status not in RESPONSE_TRANSITIONS.get(rec.status, set()):
                raise TransitionError(
                    f"Recommendation ({rec.label}) is “{rec.get_status_display()}” and cannot become "
                    f"“{_status_label(status)}”."
                )
            if not Recommendation.objects.filter(pk=rec.pk, status=rec.status).update(status=status):
                raise TransitionError("Someone else has just changed this response; reload the page and try again.")
            rec.refresh_from_db()
        rec.full_clean()
        rec.save()  # a history record of the position, and the search entry with the response
    for rec in report.recommendations.filter(pk__in=previously - {r.pk for r in recommendations}):
        rec.save()  # no longer answered by this response: refresh its search entry
    for rec in recommendations:
        notify_on_commit(kind="panels.response", object_id=rec.pk)
    return response


def _section_recommendations(report: PanelReport, heading: str):
    """Every recommendation under a heading: from the one that starts it to the next heading, sub-points included."""
    ordered = list(report.recommendations.order_by("position"))
    inside, chosen = False, []
    for rec in ordered:
        if rec.parent_id is None and rec.heading:
            inside = rec.heading == heading
        if inside:
            chosen.append(rec)
    return chosen


@transaction.atomic
def recommendation_respond(
    *, user, recommendation: Recommendation, status: str, response: str, on: datetime.date | None = None
) -> CommissionerResponse:
    """Record (or revise) the Commissioner's response to one recommendation."""
    existing = recommendation.responses.filter(section_heading="").first()
    if existing is not None and existing.recommendations.count() > 1:
        existing = None  # a shared response is revised on its own page, not from one of its recommendations
    return response_save(
        user=user,
        report=recommendation.report,
        recommendations=[recommendation],
        text=response,
        status=status,
        response=existing,
        on=on,
    )


@transaction.atomic
def comments_response_save(*, user, report: PanelReport, text: str) -> PanelReport:
    """The OPCC writes the Commissioner's response to the panel's comments."""
    if not can_respond_to_report(user, report):
        raise PermissionDenied
    report.comments_response = text
    report.full_clean()
    report.save()
    return report


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
def agenda_item_create(
    *, user, meeting: Meeting, number: int, title: str, kind: str, is_exempt: bool, exempt_paragraph: str = ""
) -> AgendaItem:
    if not can_manage_panel(user, meeting.panel):
        raise PermissionDenied
    item = AgendaItem(
        meeting=meeting,
        number=number,
        title=title,
        kind=kind,
        is_exempt=is_exempt,
        exempt_paragraph=exempt_paragraph if is_exempt else "",
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(
    *, user, item: AgendaItem, number: int, title: str, kind: str, is_exempt: bool, exempt_paragraph: str = ""
) -> AgendaItem:
    """Change an item's number, title, kind or public/exempt marking."""
    if not can_manage_panel(user, item.meeting.panel):
        raise PermissionDenied
    item.number, item.title, item.kind = number, title, kind
    item.is_exempt, item.exempt_paragraph = is_exempt, exempt_paragraph if is_exempt else ""
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
    item_minutes: dict[int, dict[str, str]],
    minutes: str,
    minutes_status: str,
    minutes_approved_at: Meeting | None = None,
) -> Meeting:
    """Record who attended, the minutes of each item (discussion, people heard, decision) and their status.

    Draft minutes are for the panel and its officers; published minutes are
    public; approved minutes name the later meeting that approved them.
    """
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
    for item in meeting.agenda_items.filter(pk__in=item_minutes):
        written = item_minutes[item.pk]
        changed = False
        for field in ("minutes_discussion", "minutes_heard", "decision"):
            if field in written and getattr(item, field) != written[field]:
                setattr(item, field, written[field])
                changed = True
        if changed:
            item.full_clean()
            item.save()
    if minutes_status == MinutesStatus.APPROVED:
        if minutes_approved_at is None:
            raise ValidationError({"minutes_approved_at": "Choose the meeting at which the minutes were approved."})
        if minutes_approved_at.panel_id != meeting.panel_id or minutes_approved_at.starts_at <= meeting.starts_at:
            raise ValidationError({"minutes_approved_at": "Minutes are approved at a later meeting of the same panel."})
    else:
        minutes_approved_at = None
    meeting.minutes, meeting.minutes_status, meeting.minutes_approved_at = minutes, minutes_status, minutes_approved_at
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


@transaction.atomic
def area_set_up(
    *,
    user,
    name: str,
    code: str,
    nation: str,
    host_authority: Organisation | None,
    host_name: str = "",
    host_type: str = "",
    panel_name: str,
    lead_adviser: str = "",
    staff: list[dict],
) -> tuple[ForceArea, list[AccountInvitation]]:
    """Create a force area with its host authority, its panel and its first users, all or nothing.

    `host_authority` is an existing council; without one a new council is made
    from `host_name` and `host_type`. Each of `staff` (full_name, email, role) gets
    an account without a password and an invitation in the ledger; the caller
    queues the emails once the transaction has committed.
    """
    if not can_set_up_area(user):
        raise PermissionDenied("Only administrators set up a force area.")
    area = ForceArea(name=name, code=code, nation=nation)
    area.full_clean()
    area.save()
    if host_authority is None:
        host_authority = Organisation(
            name=host_name, org_type=host_type, partnership_area=PartnershipArea.LOCAL_AUTHORITY
        )
        host_authority.full_clean()
        host_authority.save()
    host_authority.force_areas.add(area)
    panel = Panel(force_area=area, name=panel_name, host_authority=host_authority, lead_adviser=lead_adviser)
    panel.full_clean()
    panel.save()
    invitations = []
    for person in staff:
        new_user = user_create(email=person["email"], full_name=person["full_name"], role=person["role"], areas=[area])
        if new_user.role == Role.PANEL_SECRETARIAT:
            panel.secretariat.add(new_user)
        invitations.append(account_invitation_create(user=new_user, invited_by=user))
    return area, invitations


def _pdf_page_count(upload) -> int:
    """Count a PDF's pages; a PDF that cannot be read is refused (it could not go into the agenda pack)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        count = len(PdfReader(upload).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ValidationError({"file": "This PDF cannot be read; save it again as PDF and upload it."}) from error
    finally:
        upload.seek(0)
    if count == 0:
        raise ValidationError({"file": "This PDF has no pages."})
    return count


@transaction.atomic
def appendix_add(*, user, report: AgendaReport, title: str, upload, position: int | None = None) -> ReportAppendix:
    """Add a checked file (see pcc_portal.core.uploads) to a report as its next appendix."""
    from pcc_portal.core.uploads import APPENDIX_KINDS, check_upload

    if not can_edit_papers(user, report.agenda_item.meeting):
        raise PermissionDenied
    try:
        kind = check_upload(upload, kinds=APPENDIX_KINDS)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    if kind is None:
        raise ValidationError({"file": "Choose a file to upload."})
    if position is None:
        position = (report.appendices.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    appendix = ReportAppendix(
        report=report,
        title=title.strip(),
        position=position,
        kind=kind.code,
        size=upload.size,
        page_count=_pdf_page_count(upload) if kind.code == "pdf" else None,
        uploaded_by=user if user.is_authenticated else None,
    )
    appendix.file.save(upload.name, upload, save=False)
    appendix.full_clean()
    appendix.save()
    return appendix


@transaction.atomic
def appendices_arrange(*, user, report: AgendaReport, titles: dict[int, str], order: list[int]) -> None:
    """Retitle the report's appendices and put them in the order given (ids, first to last)."""
    if not can_edit_papers(user, report.agenda_item.meeting):
        raise PermissionDenied
    appendices = {a.pk: a for a in report.appendices.all()}
    if sorted(order) != sorted(appendices):
        raise ValidationError("The list of appendices has changed; reload the page and try again.")
    for position, pk in enumerate(order, 1):
        appendix = appendices[pk]
        appendix.position = position
        appendix.title = titles.get(pk, appendix.title).strip()
        appendix.full_clean()
        appendix.save()


@transaction.atomic
def appendix_remove(*, user, appendix: ReportAppendix) -> None:
    if not can_edit_papers(user, appendix.report.agenda_item.meeting):
        raise PermissionDenied
    appendix.delete()  # the file stays in storage; the history keeps its name


def agenda_pack_make(*, meeting_id: int, insider: bool = False) -> str:
    """Make (or find) the stored agenda pack PDF of a meeting; return its content hash."""
    from pcc_portal.pdf.services import pdf_from_source

    from .pack import agenda_pack_document

    return pdf_from_source(agenda_pack_document(meeting_id=meeting_id, insider=insider)).content_hash


@transaction.atomic
def panel_report_from_word(*, user, panel: Panel, document, sent_on: datetime.date | None = None) -> PanelReport:
    """Start a draft recommendations register from a Word document (a WordDocument of core.docx_import).

    Each list item or numbered paragraph becomes a recommendation; the draft
    stays unpublished until the secretariat has checked and published it.
    """
    from .word_import import register_from_sections

    if not can_manage_panel(user, panel):
        raise PermissionDenied
    register = register_from_sections(document.sections)
    if not register.recommendations:
        raise ValidationError(
            "No recommendations were found: write each one as a list item or a numbered paragraph in Word."
        )
    report = PanelReport(
        panel=panel,
        title=(document.title or "Recommendations")[:250],
        sent_on=sent_on or timezone.localdate(),
        comments=register.comments,
        is_published=False,
    )
    report.full_clean()
    report.save()
    position = 0
    for imported in register.recommendations:
        position += 1
        parent = Recommendation(
            report=report, position=position, label=imported.label[:10], heading=imported.heading[:200]
        )
        parent.text = imported.text
        parent.full_clean()
        parent.save()
        for sub in imported.sub_points:
            position += 1
            child = Recommendation(report=report, parent=parent, position=position, label=sub.label[:10], text=sub.text)
            child.full_clean()
            child.save()
    return report
