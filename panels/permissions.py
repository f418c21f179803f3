"""Who may see and do what with a panel's business.

The secretariat manages its own panel; members and the area's OPCC staff read
every paper, exempt ones included; everyone else (partners, other areas, the
public) sees only published papers that are not exempt.
"""

from pcc_portal.accounts.permissions import (
    is_administrator,
    is_opcc_staff,
    is_panel_member,
    is_panel_secretariat,
)


def _area_id(obj) -> int | None:
    return getattr(obj, "force_area_id", None)


def is_secretariat_of(user, area_id: int | None) -> bool:
    return bool(is_panel_secretariat(user) and user.in_area(area_id))


def is_insider_of(user, area_id: int | None) -> bool:
    """Secretariat, members and OPCC staff of the area, and administrators: they see unpublished and exempt papers."""
    if is_administrator(user):
        return True
    return bool((is_panel_secretariat(user) or is_panel_member(user) or is_opcc_staff(user)) and user.in_area(area_id))


def can_manage_panel(user, panel) -> bool:
    """Secretariat of the panel's area, or an administrator."""
    return bool(is_administrator(user) or is_secretariat_of(user, _area_id(panel)))


def can_view_panel(user, panel) -> bool:
    return bool(user.is_authenticated and (is_administrator(user) or user.in_area(_area_id(panel))))


def can_view_meeting(user, meeting) -> bool:
    return bool(meeting.papers_published or is_insider_of(user, _area_id(meeting)))


def can_view_agenda_item(user, item) -> bool:
    if is_insider_of(user, _area_id(item)):
        return True
    return bool(item.meeting.papers_published and not item.is_exempt)


def can_view_minutes(user, meeting) -> bool:
    """Published minutes are public; drafts are for the area's insiders."""
    return bool(can_view_meeting(user, meeting) and (meeting.minutes_public or is_insider_of(user, _area_id(meeting))))


def can_view_panel_report(user, report) -> bool:
    return bool(report.is_published or is_insider_of(user, _area_id(report)))


def can_respond_to_report(user, report) -> bool:
    """The Commissioner's office (OPCC staff of the area) writes the responses; never the panel's secretariat."""
    area_id = report.panel.force_area_id
    return bool(is_administrator(user) or (is_opcc_staff(user) and user.in_area(area_id)))


def can_respond_to_recommendation(user, recommendation) -> bool:
    return can_respond_to_report(user, recommendation.report)


def can_manage_appendices(user, report) -> bool:
    """Whoever may write the report may add its appendices."""
    return can_edit_papers(user, report.agenda_item.meeting)


def can_view_complaints(user, panel) -> bool:
    return can_manage_panel(user, panel)


def can_use_panels(user) -> bool:
    """Show the Panels navigation to the roles that work with panels."""
    return bool(is_administrator(user) or is_panel_secretariat(user) or is_panel_member(user) or is_opcc_staff(user))


def can_edit_papers(user, meeting) -> bool:
    """The secretariat prepares the agenda; the area's OPCC staff write the Commissioner's reports."""
    area_id = meeting.panel.force_area_id
    return bool(can_manage_panel(user, meeting.panel) or (is_opcc_staff(user) and user.in_area(area_id)))


def can_set_up_area(user) -> bool:
    """Only administrators (the administrator role, or a superuser) add a force area and its panel."""
    return bool(user.is_authenticated and user.is_administrator)
