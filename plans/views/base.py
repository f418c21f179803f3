"""Helpers shared by the plans views."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import permissions
from ..models import PlanVersion
from ..selectors import (
    versions_visible_to,
)


class _NotVisible(Exception):
    pass


def _visible_version(request: HttpRequest, pk: int) -> PlanVersion:
    versions = versions_visible_to(request.user).select_related("plan", "plan__force_area", "based_on")
    try:
        return versions.get(pk=pk)
    except PlanVersion.DoesNotExist:
        if not request.user.is_authenticated:
            raise _NotVisible from None  # it may exist: let the visitor sign in and try again
        raise Http404 from None


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _managed_version(request: HttpRequest, pk: int) -> PlanVersion:
    version = get_object_or_404(versions_visible_to(request.user).select_related("plan"), pk=pk)
    if not permissions.can_manage_plan(request.user, version.plan):
        raise PermissionDenied
    return version


def _form_page(request, *, form, version, title: str, submit: str, intro: str = "") -> HttpResponse:
    return render(
        request,
        "plans/version_item_form.html",
        {"form": form, "version": version, "plan": version.plan, "title": title, "submit": submit, "intro": intro},
    )
