"""What panels tells people (pcc_portal.notifications): papers published, responses to the panel's recommendations."""

from pcc_portal.accounts.models import Role
from pcc_portal.accounts.selectors import users_in_area
from pcc_portal.notifications.registry import Event, NotificationKind

from .models import Meeting, Recommendation


def panel_people(area_id: int) -> frozenset[int]:
    """Return the ids of the panel's members and secretariat: the area's panel roles (panels.permissions)."""
    people = users_in_area(area_id=area_id, roles=[Role.PANEL_MEMBER, Role.PANEL_SECRETARIAT])
    return frozenset(people.values_list("pk", flat=True))


def papers_published_event(meeting_id: int) -> Event | None:
    meeting = Meeting.objects.select_related("panel").filter(pk=meeting_id).first()
    if meeting is None or not meeting.papers_published:
        return None
    area_id = meeting.panel.force_area_id
    # Who published them (recorded by simple_history when published through a page): not told of it.
    published = meeting.history.filter(papers_published_on__isnull=False).order_by("history_date").first()
    return Event(
        key=f"panels.papers:{meeting.pk}",
        title=f"Papers published for the meeting of {meeting.panel.name} on {meeting.meeting_date:%-d %B %Y}",
        url=meeting.get_absolute_url(),
        recipient_ids=panel_people(area_id),
        area_id=area_id,
        summary=f"The agenda and reports were published on {meeting.papers_published_on:%-d %B %Y}.",
        actor_id=published.history_user_id if published else None,
    )


def response_event(recommendation_id: int) -> Event | None:
    rec = Recommendation.objects.select_related("report__panel").filter(pk=recommendation_id).first()
    if rec is None or rec.status == Recommendation.Status.AWAITING:
        return None
    # The record of the response itself (a later save, such as publishing the report, is not a response).
    responded = rec.history.filter(status=rec.status, responded_on=rec.responded_on).order_by("history_date").first()
    area_id = rec.report.panel.force_area_id
    return Event(
        # Each response, and each revision of it to another status or on another day, is told once.
        key=f"panels.response:{rec.pk}:{rec.status}:{rec.responded_on}",
        title=f"The Commissioner responded to recommendation ({rec.label}) of “{rec.report.title}”: "
        f"{rec.get_status_display()}",
        url=f"{rec.report.get_absolute_url()}#rec-{rec.pk}",
        recipient_ids=panel_people(area_id),
        area_id=area_id,
        summary=rec.response[:500],
        actor_id=responded.history_user_id if responded else None,
    )


def _demo_meetings() -> list[int]:
    published = Meeting.objects.filter(papers_published_on__isnull=False).order_by("-papers_published_on")
    return list(published.values_list("pk", flat=True)[:1])


def _demo_responses() -> list[int]:
    answered = Recommendation.objects.exclude(status=Recommendation.Status.AWAITING).order_by("-responded_on", "pk")
    return list(answered.values_list("pk", flat=True)[:2])


def kinds() -> list[NotificationKind]:
    return [
        NotificationKind(
            "panels.papers", "Papers published for a meeting of your panel", papers_published_event, 30, _demo_meetings
        ),
        NotificationKind(
            "panels.response", "A response to your panel's recommendation", response_event, 40, _demo_responses
        ),
    ]
