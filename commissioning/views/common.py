"""Helpers shared by the commissioning views."""

from django.core.exceptions import ValidationError
from django.http import Http404

from .. import permissions

LIST_LIMIT = 50
REGISTER_PAGE_SIZE = 50


def _errors(form, error: ValidationError) -> None:
    """Put a service's validation error on the form, so the user sees it beside the fields."""
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _staff_only(request, area_id: int) -> None:
    if not permissions.is_commissioner_staff(request.user, area_id):
        raise Http404
