"""What plans tells people (pcc_portal.notifications): comments and replies, drafts shared with the panel."""

from django.utils.text import Truncator

from pcc_portal.accounts.models import Role
from pcc_portal.accounts.selectors import users_in_area
from pcc_portal.notifications.registry import Event, NotificationKind

from .models import Comment, PlanVersion
from .selectors import PANEL_ROLES


def comment_readers(version: PlanVersion) -> set[int]:
    """Return the ids of the people who read the version's comments (plans.permissions.can_view_comments)."""
    roles = [Role.OPCC_STAFF, *(PANEL_ROLES if version.shared_at else ())]
    return set(users_in_area(area_id=version.force_area_id, roles=roles).values_list("pk", flat=True))


def comment_event(comment_id: int) -> Event | None:
    """A new thread goes to the area's OPCC staff, who answer the panel; a reply to everyone who wrote in the thread."""
    comment = (
        Comment.objects.select_related("version__plan", "section", "author", "parent").filter(pk=comment_id).first()
    )
    if comment is None:
        return None
    version = comment.version
    if comment.parent_id is None:
        concerned = set(
            users_in_area(area_id=version.force_area_id, roles=[Role.OPCC_STAFF]).values_list("pk", flat=True)
        )
        title = f"New comment by {comment.author} on “{comment.section.heading}”"
    else:
        thread = Comment.objects.filter(pk=comment.parent_id) | Comment.objects.filter(parent_id=comment.parent_id)
        concerned = set(thread.values_list("author_id", flat=True))
        title = f"{comment.author} replied on “{comment.section.heading}”"
    return Event(
        key=f"plans.comment:{comment.pk}",
        title=f"{title} ({version.plan.title}, {version.name})",
        url=comment.get_absolute_url(),
        recipient_ids=frozenset(concerned & comment_readers(version)),
        area_id=version.force_area_id,
        summary=Truncator(comment.body).chars(300),
        actor_id=comment.author_id,
    )


def version_shared_event(version_id: int) -> Event | None:
    """A draft shared with the panel goes to the area's panel members and secretariat."""
    version = PlanVersion.objects.select_related("plan").filter(pk=version_id).first()
    if version is None or version.shared_at is None:
        return None
    panel = users_in_area(area_id=version.force_area_id, roles=sorted(PANEL_ROLES))
    lines = [f"The Office of the Police and Crime Commissioner has shared {version.name} of the plan with the panel."]
    if version.panel_report_due:
        lines.append(f"The panel has been asked to report by {version.panel_report_due:%-d %B %Y}.")
    lines.append("Read it and comment on any section or passage in the portal.")
    return Event(
        key=f"plans.version_shared:{version.pk}",
        title=f"For your review: {version.plan.title}, {version.name}",
        url=version.get_absolute_url(),
        recipient_ids=frozenset(panel.values_list("pk", flat=True)),
        area_id=version.force_area_id,
        summary=" ".join(lines),
    )


def _demo_comments() -> list[int]:
    replies = Comment.objects.filter(parent__isnull=False).order_by("-created_at").values_list("pk", flat=True)[:1]
    threads = Comment.objects.filter(parent__isnull=True).order_by("-created_at").values_list("pk", flat=True)[:1]
    return [*threads, *replies]


def _demo_versions() -> list[int]:
    return list(
        PlanVersion.objects.filter(shared_at__isnull=False).order_by("-shared_at").values_list("pk", flat=True)[:1]
    )


def kinds() -> list[NotificationKind]:
    return [
        NotificationKind(
            "plans.comment", "A new comment or reply in a thread you are in", comment_event, 10, _demo_comments
        ),
        NotificationKind(
            "plans.version_shared", "A draft plan shared with your panel", version_shared_event, 20, _demo_versions
        ),
    ]
