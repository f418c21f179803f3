"""The panel's review: comments, differences between versions, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import permissions, services
from ..diff import compare_versions
from ..forms import (
    CommentForm,
    CompareForm,
    ReplyForm,
)
from ..history import version_history
from ..models import Comment, Section
from ..selectors import (
    comments_visible_to,
    plan_versions_for,
    versions_visible_to,
)
from .base import _errors_to_form

# Comments


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    version = get_object_or_404(versions_visible_to(request.user).select_related("plan"), pk=pk)
    section = get_object_or_404(Section, pk=section_pk, version=version)
    if not permissions.can_comment_on_version(request.user, version):
        raise PermissionDenied
    form = CommentForm(request.POST, section=section)
    if form.is_valid():
        try:
            comment = services.comment_create(user=request.user, version=version, section=section, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Comment added.")
            return redirect(comment)
    return render(
        request,
        "plans/comment_form.html",
        {"form": form, "version": version, "plan": version.plan, "section": section},
        status=400,
    )


def _visible_comment(request: HttpRequest, pk: int) -> Comment:
    return get_object_or_404(
        comments_visible_to(request.user).select_related("version", "version__plan", "section", "parent"), pk=pk
    )


@login_required
@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _visible_comment(request, pk)
    if not permissions.can_reply_to_comment(request.user, comment):
        raise PermissionDenied
    form = ReplyForm(request.POST, comment=comment)
    if form.is_valid():
        reply = services.comment_reply(user=request.user, parent=comment, body=form.cleaned_data["body"])
        messages.success(request, "Reply added.")
        return redirect(reply)
    messages.error(request, "Write a reply before sending it.")
    return redirect(comment)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _visible_comment(request, pk)
    if not permissions.can_resolve_comment(request.user, comment):
        raise PermissionDenied
    services.comment_resolve(user=request.user, comment=comment)
    messages.success(request, "Comment marked resolved.")
    return redirect(comment)


# Differences and history


@login_required
@require_GET
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Section-by-section differences between two versions of a plan the user may both see."""
    # A plan the user may not read has no version they may read: both give "not found", as one version does.
    versions = plan_versions_for(request.user, pk)
    if len(versions) < 2:
        raise Http404
    plan = versions[0].plan
    form = CompareForm(request.GET or None, versions=versions)
    by_pk = {v.pk: v for v in versions}
    if form.is_bound and form.is_valid():
        old, new = by_pk[form.cleaned_data["old"]], by_pk[form.cleaned_data["new"]]
    else:
        old, new = versions[-2], versions[-1]
        form = CompareForm(versions=versions, initial={"old": old.pk, "new": new.pk})
    if old.number > new.number:
        old, new = new, old
    differences = compare_versions(old, new) if old != new else None
    return render(
        request,
        "plans/version_compare.html",
        {"plan": plan, "old": old, "new": new, "form": form, "differences": differences},
    )


@login_required
@require_GET
def version_history_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(versions_visible_to(request.user).select_related("plan", "plan__force_area"), pk=pk)
    if not (
        permissions.can_manage_plan(request.user, version.plan) or permissions.can_view_comments(request.user, version)
    ):
        raise PermissionDenied
    return render(
        request,
        "plans/version_history.html",
        {"version": version, "plan": version.plan, "entries": version_history(version)},
    )
