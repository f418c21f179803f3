"""Who may do what with plans: plain functions, checked in views and services."""

from pcc_portal.accounts.models import Role
from pcc_portal.accounts.permissions import is_administrator

from .models import Comment, Plan, PlanVersion
from .selectors import PANEL_ROLES, versions_visible_to


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _staff_of(user, area_id: int) -> bool:
    return _active(user) and (is_administrator(user) or (user.role == Role.OPCC_STAFF and area_id in user.area_ids))


def _panel_of(user, area_id: int) -> bool:
    return _active(user) and user.role in PANEL_ROLES and area_id in user.area_ids


def can_view_version(user, version: PlanVersion) -> bool:
    return versions_visible_to(user).filter(pk=version.pk).exists()


def can_create_plan(user) -> bool:
    """OPCC staff (for their own areas) and administrators."""
    return _active(user) and (is_administrator(user) or user.role == Role.OPCC_STAFF)


def can_manage_plan(user, plan: Plan) -> bool:
    """Start versions, move them through the workflow, keep the timetable: the area's OPCC staff."""
    return _staff_of(user, plan.force_area_id)


def can_edit_version(user, version: PlanVersion) -> bool:
    """Only a draft is edited, and only by the area's OPCC staff; the panel comments instead."""
    return version.is_editable and _staff_of(user, version.force_area_id)


def can_view_comments(user, version: PlanVersion) -> bool:
    """The area's OPCC staff see every comment; the area's panel once the version is shared."""
    if _staff_of(user, version.force_area_id):
        return True
    return _panel_of(user, version.force_area_id) and version.shared_at is not None


def can_comment_on_version(user, version: PlanVersion) -> bool:
    """Panel members and secretariat of the area start threads while the version is under review."""
    return version.is_under_review and _panel_of(user, version.force_area_id)


def can_reply_to_comment(user, comment: Comment) -> bool:
    version = comment.version
    if not version.is_under_review:
        return False
    return _panel_of(user, version.force_area_id) or _staff_of(user, version.force_area_id)


def can_resolve_comment(user, comment: Comment) -> bool:
    """The author, the area's OPCC staff and panel secretariat mark a thread resolved."""
    if comment.parent_id is not None or comment.is_resolved:
        return False
    area_id = comment.version.force_area_id
    if _staff_of(user, area_id):
        return True
    if not _panel_of(user, area_id):
        return False
    return user.role == Role.PANEL_SECRETARIAT or comment.author_id == user.pk


def can_view_version_pdf(user, *, version_id: int) -> bool:
    """Registered with the PDF service: anyone who may read the version."""
    return versions_visible_to(user).filter(pk=version_id).exists()
