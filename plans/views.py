"""Thin views: read through selectors, write through services."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.pdf.views import document_pdf_response

from . import permissions, services
from .diff import compare_versions
from .forms import (
    CommentForm,
    CompareForm,
    ConsultationForm,
    NewVersionForm,
    ObjectiveForm,
    PlanEditForm,
    PlanForm,
    PriorityForm,
    ReplyForm,
    SectionForm,
    TimetableForm,
    VersionDetailsForm,
)
from .history import version_history
from .models import Comment, Objective, Plan, PlanVersion, Priority, Section, StatutoryElement
from .selectors import (
    comment_threads_for,
    comments_visible_to,
    plan_list_for,
    plans_visible_to,
    public_versions,
    versions_of_plan_for,
    versions_visible_to,
)
from .timetable import plan_timetable


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


# Lists


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = plan_list_for(request.user)
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "can_create": permissions.can_create_plan(request.user)},
    )


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    """Issued plans, for everyone."""
    return render(request, "plans/public_list.html", {"versions": public_versions()})


# Plans


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_plan(request.user):
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "first_label"}
        try:
            plan = services.plan_create(user=request.user, first_label=form.cleaned_data["first_label"], **data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Plan created with an empty first draft.")
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    versions = list(versions_of_plan_for(request.user, plan))
    can_manage = permissions.can_manage_plan(request.user, plan)
    context = {
        "plan": plan,
        "versions": versions,
        "timetable": plan_timetable(plan, versions),
        "can_manage": can_manage,
        "compare_form": CompareForm(
            versions=versions,
            initial={"old": versions[-2].pk, "new": versions[-1].pk} if len(versions) > 1 else None,
        ),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    if not permissions.can_manage_plan(request.user, plan):
        raise PermissionDenied
    form = PlanEditForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Plan details saved.")
            return redirect(plan)
    return render(request, "plans/plan_edit.html", {"form": form, "plan": plan})


# Versions


def _section_checklist(sections) -> list[dict]:
    covered = defaultdict(list)
    for section in sections:
        if section.statutory_element and section.body.strip():
            covered[section.statutory_element].append(section)
    return [
        {"label": label, "sections": covered.get(value, []), "complete": bool(covered.get(value))}
        for value, label in StatutoryElement.choices
    ]


@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A version of the plan: public once issued, otherwise only for those it was shared with."""
    try:
        version = _visible_version(request, pk)
    except _NotVisible:
        return redirect_to_login(request.get_full_path())
    user = request.user
    sections = list(version.sections.all())
    can_view_comments = permissions.can_view_comments(user, version)
    can_comment = permissions.can_comment_on_version(user, version)
    threads_by_section = defaultdict(list)
    open_threads = 0
    if can_view_comments:
        for thread in comment_threads_for(user, version):
            thread.version = version  # already loaded: spares a query per thread
            thread.can_resolve = permissions.can_resolve_comment(user, thread)
            thread.can_reply = permissions.can_reply_to_comment(user, thread)
            threads_by_section[thread.section_id].append(thread)
            open_threads += not thread.is_resolved
    for section in sections:
        section.threads = threads_by_section.get(section.pk, [])
    can_manage = permissions.can_manage_plan(user, version.plan)
    S = PlanVersion.Status
    others = [v for v in versions_visible_to(user).filter(plan_id=version.plan_id).order_by("number") if v != version]
    context = {
        "version": version,
        "plan": version.plan,
        "sections": sections,
        "priorities": list(version.priorities.all()),
        "objectives": list(version.objectives.select_related("priority")),
        "checklist": _section_checklist(sections),
        "distributions": list(version.distributions.select_related("organisation")) if version.is_public else [],
        "can_view_comments": can_view_comments,
        "can_comment": can_comment,
        "open_threads": open_threads,
        "can_edit": permissions.can_edit_version(user, version),
        "can_manage": can_manage,
        "can_share": can_manage and version.status == S.DRAFT,
        "can_open_consultation": can_manage and version.status == S.SHARED,
        "can_issue": can_manage and version.status in {S.SHARED, S.CONSULTATION},
        "other_versions": others,
    }
    return render(request, "plans/version_detail.html", context)


@require_GET
def version_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        version = _visible_version(request, pk)
    except _NotVisible:
        return redirect_to_login(request.get_full_path())
    filename = f"{version.plan.force_area.code}-plan-v{version.number}.pdf"
    return document_pdf_response(
        request, document="plans.version", params={"version_id": version.pk}, filename=filename
    )


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


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = _managed_version(request, pk)
    if not permissions.can_edit_version(request.user, version):
        raise PermissionDenied
    form = VersionDetailsForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(user=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Version details saved.")
            return redirect(version)
    return _form_page(request, form=form, version=version, title="Edit version details", submit="Save details")


@login_required
@require_http_methods(["GET", "POST"])
def version_timetable(request: HttpRequest, pk: int) -> HttpResponse:
    version = _managed_version(request, pk)
    form = TimetableForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_record_timetable(user=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Timetable saved.")
            return redirect(version.plan)
    return _form_page(
        request,
        form=form,
        version=version,
        title="Panel report and response",
        submit="Save timetable",
        intro="Record when the panel was asked to report on this version, when its report arrived, "
        "and when the Commissioner's response was published.",
    )


@login_required
@require_POST
def version_share(request: HttpRequest, pk: int) -> HttpResponse:
    version = _managed_version(request, pk)
    try:
        services.version_share_with_panel(user=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Shared with the panel: its members and secretariat can now read and comment.")
    return redirect(version)


@login_required
@require_http_methods(["GET", "POST"])
def version_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    version = _managed_version(request, pk)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_open_consultation(
                user=request.user, version=version, opens=form.cleaned_data["opens"], closes=form.cleaned_data["closes"]
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Public consultation opened.")
            return redirect(version)
    return _form_page(
        request, form=form, version=version, title="Open the public consultation", submit="Open consultation"
    )


@login_required
@require_POST
def version_issue(request: HttpRequest, pk: int) -> HttpResponse:
    version = _managed_version(request, pk)
    try:
        version = services.version_issue(user=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = version.distributions.count()
        messages.success(
            request, f"Plan issued and published. Distribution recorded to {count} organisation{'s' * (count != 1)}."
        )
    return redirect(version)


@login_required
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    source = _managed_version(request, pk)
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_create_from(user=request.user, source=source, label=form.cleaned_data["label"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Version {version.number} started from version {source.number}.")
            return redirect(version)
    return _form_page(
        request,
        form=form,
        version=source,
        title="Start a new version",
        submit="Start new version",
        intro="The new draft copies this version's sections, priorities and objectives. "
        "Use it for a revised draft, a variation of the issued plan or a correction.",
    )


# Sections, priorities, objectives of a draft

ITEMS = {
    "section": (Section, SectionForm, "section"),
    "priority": (Priority, PriorityForm, "priority"),
    "objective": (Objective, ObjectiveForm, "objective"),
}


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, kind: str, item_pk: int | None = None) -> HttpResponse:
    if kind not in ITEMS:
        raise Http404
    model, form_class, noun = ITEMS[kind]
    version = _managed_version(request, pk)
    if not permissions.can_edit_version(request.user, version):
        raise PermissionDenied
    item = get_object_or_404(model, pk=item_pk, version=version) if item_pk else model(version=version)
    form = form_class(request.POST or None, instance=item, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_item_save(user=request.user, version=version, item=form.save(commit=False))
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"The {noun} was saved.")
            return redirect(f"{version.get_absolute_url()}#{kind}-{item.key}")
    article = "an" if noun[0] in "aeiou" else "a"
    title = f"Edit {noun}: {item}" if item_pk else f"Add {article} {noun}"
    return _form_page(request, form=form, version=version, title=title, submit=f"Save {noun}")


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    if kind not in ITEMS:
        raise Http404
    model, _, noun = ITEMS[kind]
    version = _managed_version(request, pk)
    item = get_object_or_404(model, pk=item_pk, version=version)
    services.version_item_delete(user=request.user, item=item)
    messages.success(request, f"The {noun} “{item}” was removed.")
    return redirect(version)


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
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    versions = list(versions_visible_to(request.user).filter(plan=plan).order_by("number"))
    if len(versions) < 2:
        raise Http404
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
