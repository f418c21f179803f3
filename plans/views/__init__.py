"""Thin views: read through selectors, write through services."""

from .plans import plan_create, plan_detail, plan_edit, plan_list, public_list
from .review import comment_create, comment_reply, comment_resolve, version_compare, version_history_view
from .versions import (
    item_delete,
    item_edit,
    version_consultation,
    version_detail,
    version_edit,
    version_issue,
    version_new,
    version_pdf,
    version_share,
    version_timetable,
)

__all__ = [
    "comment_create",
    "comment_reply",
    "comment_resolve",
    "item_delete",
    "item_edit",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_list",
    "public_list",
    "version_compare",
    "version_consultation",
    "version_detail",
    "version_edit",
    "version_history_view",
    "version_issue",
    "version_new",
    "version_pdf",
    "version_share",
    "version_timetable",
]
