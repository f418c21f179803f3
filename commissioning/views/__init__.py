"""Thin views: parse input, call a service, render or redirect."""

from .applications import (
    application_detail,
    application_edit,
    application_start,
    application_submit,
    attachment_add,
    attachment_download,
    attachment_remove,
)
from .assessment import application_decide, application_moderate, assessment, assignment_add
from .grants import grant_create, grant_detail, grant_pdf, grant_status, instalment_paid, return_detail, variation_add
from .overview import home
from .register import decision_detail, decision_list, register, register_csv, register_grant, register_json
from .rounds import round_create, round_detail
from .streams import (
    allocation_create,
    allocation_detail,
    allocation_discard,
    allocation_lock,
    stream_create,
    stream_detail,
)

__all__ = [
    "allocation_create",
    "allocation_detail",
    "allocation_discard",
    "allocation_lock",
    "application_decide",
    "application_detail",
    "application_edit",
    "application_moderate",
    "application_start",
    "application_submit",
    "assessment",
    "assignment_add",
    "attachment_add",
    "attachment_download",
    "attachment_remove",
    "decision_detail",
    "decision_list",
    "grant_create",
    "grant_detail",
    "grant_pdf",
    "grant_status",
    "home",
    "instalment_paid",
    "register",
    "register_csv",
    "register_grant",
    "register_json",
    "return_detail",
    "round_create",
    "round_detail",
    "stream_create",
    "stream_detail",
    "variation_add",
]
