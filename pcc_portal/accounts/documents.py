"""PDF documents about force areas."""

from itertools import groupby

from pcc_portal.pdf.registry import DocumentSource, register_document

from .models import ForceArea, Role, User
from .permissions import is_administrator, is_opcc_staff, is_panel_secretariat


def can_view_area_directory(user, *, area_id: int) -> bool:
    """OPCC staff and panel secretariat of the area, and administrators."""
    if is_administrator(user):
        return True
    return bool((is_opcc_staff(user) or is_panel_secretariat(user)) and user.in_area(area_id))


@register_document("accounts.area_directory", can_view=can_view_area_directory)
def area_directory(*, area_id: int) -> DocumentSource:
    """Build the directory of portal users in an area, grouped by role."""
    area = ForceArea.objects.get(pk=area_id)
    users = User.objects.filter(force_areas=area, is_active=True).order_by("role", "full_name")
    labels = dict(Role.choices)
    groups = [(labels.get(role, role), list(members)) for role, members in groupby(users, key=lambda u: u.role)]
    return DocumentSource(
        template_name="pdf/area_directory.html",
        context={"area": area, "groups": groups, "count": len(users)},
        title=f"Portal directory: {area.name}",
    )
