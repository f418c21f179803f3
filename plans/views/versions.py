"""Versions: reading, editing a draft, moving through the workflow."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.confirm import Confirmation, confirmation_page, is_confirmed
from pcc_portal.core.links import path_for, path_maker
from pcc_portal.pdf.views import document_pdf_response
from plans.selectors import distribution_recipient_count

from .. import permissions, services
from ..forms import (
    ConsultationForm,
    NewVersionForm,
    ObjectiveForm,
    PriorityForm,
    SectionForm,
    TimetableForm,
    VersionDetailsForm,
)
from ..models import Objective, PlanVersion, Priority, Section, StatutoryElement
from ..selectors import (
    comment_threads_for,
    plan_versions_around,
)
from .base import _errors_to_form, _form_page, _managed_version, _NotVisible, _visible_version

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
    user = request.user
    plan_versions = plan_versions_around(user, pk)
    version = next((v for v in plan_versions if v.pk == pk), None)
    if version is None:
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())  # it may exist: let the visitor sign in and try again
        raise Http404
    # In the model's order with its constant prefix (the version's plan and number) left out: no joins to sort by.
    sections = list(version.sections.order_by("position", "pk"))
    can_view_comments = permissions.can_view_comments(user, version)
    can_comment = permissions.can_comment_on_version(user, version)
    threads_by_section = defaultdict(list)
    open_threads = 0
    if can_view_comments:
        reply_url, resolve_url = path_maker("plans:comment_reply"), path_maker("plans:comment_resolve")
        for thread in comment_threads_for(user, version):
            thread.version = version  # already loaded: spares a query per thread
            thread.can_resolve = permissions.can_resolve_comment(user, thread)
            thread.can_reply = permissions.can_reply_to_comment(user, thread)
            thread.reply_url = reply_url(thread.pk) if thread.can_reply else ""
            thread.resolve_url = resolve_url(thread.pk) if thread.can_resolve else ""
            threads_by_section[thread.section_id].append(thread)
            open_threads += not thread.is_resolved
    for section in sections:
        section.threads = threads_by_section.get(section.pk, [])
        section.comment_url = path_for("plans:comment_create", version.pk, section_pk=section.pk) if can_comment else ""
    can_manage = permissions.can_manage_plan(user, version.plan)
    S = PlanVersion.Status
    others = [v for v in plan_versions if v != version]
    context = {
        "version": version,
        "plan": version.plan,
        "sections": sections,
        "priorities": list(version.priorities.order_by("position", "pk")),
        "objectives": list(version.objectives.select_related("priority").order_by("position", "pk")),
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
@require_http_methods(["GET", "POST"])
def version_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the plan, after a page that says who receives it and what becomes read-only."""
    version = _managed_version(request, pk)
    if not is_confirmed(request):
        count = distribution_recipient_count(version)
        return confirmation_page(
            request,
            Confirmation(
                title=f"Issue {version.plan.title}: {version.name}",
                button="Issue and publish the plan",
                cancel_url=version.get_absolute_url(),
                consequences=[
                    "This version becomes read-only and public; earlier versions are marked superseded.",
                    f"Its distribution is recorded to {count} organisation{'s' * (count != 1)}: "
                    "the chief constable and the area's responsible authorities.",
                ],
            ),
        )
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
