"""Applications: start, edit with autosave, attachments, submit, and the application page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.accounts.models import Role, User
from pcc_portal.core.confirm import Confirmation, confirmation_page, is_confirmed

from .. import permissions, selectors, services, tasks
from ..forms import ApplicationForm, ApplicationStartForm, AttachmentForm, DecisionForm, ModerationForm
from ..models import Application, ApplicationAttachment, Grant
from .common import _errors


@login_required
@require_POST
def application_start(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(selectors.rounds_visible_to(request.user), pk=pk)
    form = ApplicationStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the project a title.")
        return redirect(round_)
    try:
        application = services.application_create(user=request.user, round_=round_, title=form.cleaned_data["title"])
    except PermissionDenied as error:
        messages.error(request, str(error) or "You cannot apply to this round.")
        return redirect(round_)
    return redirect("commissioning:application_edit", pk=application.pk)


def _application_for(request, pk: int) -> Application:
    return get_object_or_404(
        selectors.applications_visible_to(request.user).prefetch_related("priorities", "round__questions"), pk=pk
    )


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    user = request.user
    is_staff = permissions.is_commissioner_staff(user, application.round.stream.force_area_id)
    can_edit, edit_reason = permissions.can_edit_application(
        user, application, organisation=selectors.organisation_of(user)
    )
    assignments = list(selectors.assignments_of(application)) if is_staff else []
    if is_staff:  # one assignment per assessor: the user's own is among those already read
        my_assignment = next((a for a in assignments if a.assessor_id == user.pk), None)
    else:
        my_assignment = application.assignments.filter(assessor=user).first()
    criteria = list(application.round.criteria.all())
    max_total = sum(c.max_score for c in criteria)
    totals = []
    for assignment in assignments:
        assignment.by_criterion = {s.criterion_id: s for s in assignment.scores.all()}
        assignment.score_rows = [(c, assignment.by_criterion.get(c.pk)) for c in criteria]
        if assignment.may_score and len(assignment.by_criterion) == len(criteria) and criteria:
            assignment.total = sum(s.score for s in assignment.by_criterion.values())
            totals.append(assignment.total)
    context = {
        "application": application,
        "answers": [(q, application.answers.get(str(q.pk), "")) for q in application.round.questions.all()],
        "is_staff": is_staff,
        "can_edit": can_edit,
        "edit_reason": edit_reason,
        "my_assignment": my_assignment,
        "assignments": assignments,
        "criteria": criteria,
        "max_total": max_total,
        "average_total": round(sum(totals) / len(totals), 1) if totals else None,
        "decisions": application.decisions.all(),
        "grant": Grant.objects.filter(application=application).first(),
    }
    if is_staff:
        context["assessor_choices"] = User.objects.filter(
            is_active=True, force_areas=application.round.stream.force_area_id, role=Role.OPCC_STAFF
        ).exclude(assessments__application=application)
        context["moderation_form"] = ModerationForm(
            initial={
                "recommendation": application.recommendation or None,
                "recommended_amount": application.recommended_amount_pence or application.amount_requested_pence,
                "notes": application.moderation_notes,
            }
        )
        context["decision_form"] = DecisionForm(
            initial={"outcome": application.recommendation or None, "amount": application.recommended_amount_pence}
        )
    return render(request, "commissioning/application_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft. After submission or the close, show why and save nothing."""
    application = _application_for(request, pk)
    organisation = selectors.organisation_of(request.user)
    if organisation is None or application.organisation_id != organisation.pk:
        raise Http404
    can_edit, reason = permissions.can_edit_application(request.user, application, organisation=organisation)
    form = ApplicationForm(request.POST or None, instance=application)
    autosave = bool(request.htmx) and request.method == "POST"
    if request.method == "POST":
        if not can_edit:
            return _locked_response(request, application, reason, autosave=autosave)
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in form.Meta.fields if f != "priorities"}
            try:
                services.application_update(
                    user=request.user,
                    application=application,
                    data=data,
                    priorities=form.cleaned_data["priorities"],
                    answers=form.answers(),
                )
            except ValidationError as error:
                if autosave:
                    # Field errors can be corrected; a refusal (closed meanwhile) cannot.
                    status = 400 if hasattr(error, "error_dict") else 409
                    return _autosave_refusal(" ".join(error.messages), status=status)
                _errors(form, error)
            else:
                if autosave:
                    return _autosave_status(request, saved_at=timezone.localtime())
                if "submit" in request.POST:
                    messages.success(request, "Draft saved. Check the summary below, then submit.")
                    return redirect("commissioning:application_submit", pk=application.pk)
                messages.success(request, "Draft saved.")
                return redirect("commissioning:application_edit", pk=application.pk)
        elif autosave:
            return _autosave_refusal(f"Correct these fields: {_form_error_text(form)}", status=400)
        else:
            messages.error(request, "Your application was not saved: correct the fields marked below.")
    elif not can_edit:
        messages.warning(request, reason)
        return redirect(application)
    return render(request, "commissioning/application_form.html", _application_form_context(application, form))


def _application_form_context(application: Application, form, attachment_form=None) -> dict:
    attachments = list(application.attachments.all())
    return {
        "form": form,
        "application": application,
        "attachments": attachments,
        "attachment_form": attachment_form or AttachmentForm(),
        "attachments_left": max(ApplicationAttachment.MAX_PER_APPLICATION - len(attachments), 0),
        "max_attachments": ApplicationAttachment.MAX_PER_APPLICATION,
    }


def _autosave_status(request, *, saved_at) -> HttpResponse:
    page = render(request, "commissioning/partials/autosave_status.html", {"saved_at": saved_at})
    page["X-Autosave-Saved"] = saved_at.isoformat()
    return page


def _autosave_refusal(message: str, *, status: int) -> HttpResponse:
    """Refuse an autosave with a status and one plain sentence; static/js/autosave.js shows "Not saved: …"."""
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _form_error_text(form) -> str:
    return " ".join(
        f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errors)}".lstrip(": ")
        for name, errors in form.errors.items()
    )


def _locked_response(request, application, reason: str, *, autosave: bool) -> HttpResponse:
    if autosave:
        # Submitted or closed: saving again cannot succeed, so the page stops retrying.
        return _autosave_refusal(f"{reason} Your changes were not saved.", status=409)
    messages.error(request, f"Nothing was saved. {reason}")
    return redirect(application)


def _submit(request, application: Application) -> HttpResponse:
    try:
        services.application_submit(user=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("commissioning:application_edit", pk=application.pk)
    tasks.send_application_receipt.delay(application.pk)
    application.refresh_from_db(fields=["reference"])
    messages.success(
        request,
        f"Application submitted: your reference is {application.reference}. "
        "We have emailed you a receipt. The application can no longer be changed.",
    )
    return redirect(application)


def _own_draft(request, pk: int) -> Application:
    """Return the user's organisation's application, or 404 for anyone else."""
    application = _application_for(request, pk)
    organisation = selectors.organisation_of(request.user)
    if organisation is None or application.organisation_id != organisation.pk:
        raise Http404
    return application


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_draft(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                user=request.user,
                application=application,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{form.cleaned_data['title']} attached.")
            return redirect("commissioning:application_edit", pk=application.pk)
    messages.error(request, "The document was not attached: see the problem below.")
    page_form = ApplicationForm(instance=application)
    context = _application_form_context(application, page_form, attachment_form=form)
    return render(request, "commissioning/application_form.html", context, status=400)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    application = _own_draft(request, pk)
    attachment = get_object_or_404(application.attachments.all(), pk=attachment_pk)
    try:
        services.attachment_remove(user=request.user, attachment=attachment)
    except ValidationError as error:
        messages.error(request, f"Nothing was removed. {' '.join(error.messages)}")
        return redirect(application)
    messages.success(request, f"{attachment.title} removed.")
    return redirect("commissioning:application_edit", pk=application.pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(
        ApplicationAttachment.objects.filter(application__in=selectors.applications_visible_to(request.user)), pk=pk
    )
    name = attachment.file.name.rsplit("/", 1)[-1]
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the organisation's application, after a page that says it can no longer be changed."""
    application = _application_for(request, pk)
    organisation = selectors.organisation_of(request.user)
    if organisation is None or application.organisation_id != organisation.pk:
        raise Http404
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=f"Submit {application.title}",
                button="Submit the application",
                cancel_url=reverse("commissioning:application_edit", kwargs={"pk": application.pk}),
                consequences=[
                    f"The application goes to the OPCC for {application.round.title}; "
                    f"the round closes {timezone.localtime(application.round.closes_at):%-d %B %Y, %H:%M}.",
                    "Once submitted it cannot be changed.",
                ],
            ),
        )
    return _submit(request, application)
