"""Grants and their monitoring returns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners.selectors import organisations_in_area
from pcc_portal.pdf.views import document_pdf_response

from .. import opendata, permissions, selectors, services
from ..forms import GrantForm, ReturnForm, VariationForm
from ..models import Application, MonitoringReturn
from .common import _errors, _staff_only


@login_required
@require_http_methods(["GET", "POST"])
def grant_create(request: HttpRequest, pk: int) -> HttpResponse:
    stream = get_object_or_404(selectors.streams_visible_to(request.user), pk=pk)
    _staff_only(request, stream.force_area_id)
    application = None
    if request.GET.get("application") or request.POST.get("application"):
        application = get_object_or_404(
            selectors.applications_visible_to(request.user).filter(
                round__stream=stream, status=Application.Status.AWARDED
            ),
            pk=request.GET.get("application") or request.POST.get("application"),
        )
    recipients = organisations_in_area(stream.force_area_id)
    initial = {}
    if application:
        decision = application.decisions.filter(outcome="award").first()
        initial = {
            "title": application.title,
            "purpose": application.summary,
            "amount": decision.amount_pence if decision else application.recommended_amount_pence,
            "award_date": decision.decided_at.date() if decision else timezone.localdate(),
            "start_date": application.period_start,
            "end_date": application.period_end,
        }
    form = GrantForm(request.POST or None, initial=initial)
    recipient_id = request.POST.get("recipient") or (application.organisation_id if application else None)
    if request.method == "POST" and form.is_valid():
        recipient = recipients.filter(pk=recipient_id).first() if recipient_id else None
        if application:
            recipient = application.organisation
        if recipient is None:
            form.add_error(None, "Choose the recipient organisation.")
        else:
            data = form.cleaned_data
            try:
                grant = services.grant_create(
                    user=request.user,
                    stream=stream,
                    recipient=recipient,
                    reference=data["reference"],
                    title=data["title"],
                    purpose=data["purpose"],
                    amount_pence=data["amount"],
                    award_date=data["award_date"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    conditions=data["conditions"],
                    repayment_conditions=data["repayment_conditions"],
                    instalments=data["instalments"],
                    return_frequency_months=data["return_frequency_months"],
                    priorities=application.priorities.all() if application else [],
                    application=application,
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, f"Grant {grant.reference} created with its payments and returns.")
                return redirect(grant)
    context = {
        "form": form,
        "stream": stream,
        "application": application,
        "recipients": recipients.order_by("name"),
        "recipient_id": int(recipient_id) if recipient_id and str(recipient_id).isdigit() else None,
    }
    return render(request, "commissioning/grant_form.html", context)


@login_required
@require_GET
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(
        # The funder (for the open data id) comes with the grant's area.
        selectors.grants_visible_to(request.user)
        .select_related("force_area__funder")
        .prefetch_related(
            "instalments",
            "variations",
            "priorities",
            Prefetch("returns", queryset=MonitoringReturn.objects.order_by("due_date")),
        ),
        pk=pk,
    )
    is_staff = permissions.can_manage_grant(request.user, grant)
    instalments = list(grant.instalments.all())
    context = {
        "grant": grant,
        "is_staff": is_staff,
        "instalments": instalments,
        "paid": sum(i.amount_pence for i in instalments if i.paid_on),
        "returns": list(grant.returns.all()),
        "today": timezone.localdate(),
        "variation_form": VariationForm() if is_staff else None,
        "grant_id_360": opendata.grant_identifier(grant),
    }
    return render(request, "commissioning/grant_detail.html", context)


@login_required
@require_GET
def grant_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the grant offer (purpose, conditions, payments, returns) as a PDF."""
    grant = get_object_or_404(selectors.grants_visible_to(request.user), pk=pk)
    return document_pdf_response(
        request,
        document="commissioning.grant_offer",
        params={"grant_id": grant.pk},
        filename=f"grant-{grant.reference}.pdf",
    )


@login_required
@require_POST
def instalment_paid(request: HttpRequest, pk: int, instalment_pk: int) -> HttpResponse:
    grant = get_object_or_404(selectors.grants_visible_to(request.user), pk=pk)
    if not permissions.can_manage_grant(request.user, grant):
        raise Http404
    instalment = get_object_or_404(grant.instalments, pk=instalment_pk)
    try:
        services.instalment_mark_paid(user=request.user, instalment=instalment, paid_on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Instalment recorded as paid.")
    return redirect(grant)


@login_required
@require_POST
def grant_status(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(selectors.grants_visible_to(request.user), pk=pk)
    if not permissions.can_manage_grant(request.user, grant):
        raise Http404
    try:
        if request.POST.get("action") == "complete":
            services.grant_complete(user=request.user, grant=grant)
            messages.success(request, "Grant completed.")
        elif request.POST.get("action") == "terminate":
            services.grant_terminate(user=request.user, grant=grant, reason=request.POST.get("reason", ""))
            messages.success(request, "Grant terminated.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(grant)


@login_required
@require_POST
def variation_add(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(selectors.grants_visible_to(request.user), pk=pk)
    if not permissions.can_manage_grant(request.user, grant):
        raise Http404
    form = VariationForm(request.POST)
    if form.is_valid():
        try:
            services.variation_record(
                user=request.user,
                grant=grant,
                description=form.cleaned_data["description"],
                amount_change_pence=form.cleaned_data["amount_change"],
                new_end_date=form.cleaned_data["new_end_date"],
            )
        except ValidationError as error:
            messages.error(request, "Variation not recorded: " + " ".join(error.messages))
        else:
            messages.success(request, "Variation recorded.")
    else:
        messages.error(request, "Variation not recorded: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(grant)


# Monitoring returns ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    monitoring_return = get_object_or_404(selectors.returns_visible_to(request.user), pk=pk)
    organisation = selectors.organisation_of(request.user)
    can_submit, reason = permissions.can_submit_return(request.user, monitoring_return, organisation=organisation)
    form = ReturnForm(request.POST or None) if can_submit else None
    if request.method == "POST":
        if "accept" in request.POST:
            if not permissions.can_manage_grant(request.user, monitoring_return.grant):
                raise Http404
            try:
                services.return_accept(user=request.user, monitoring_return=monitoring_return)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Return accepted.")
            return redirect(monitoring_return)
        if not can_submit:
            messages.error(request, f"Nothing was saved. {reason}")
            return redirect(monitoring_return)
        if form.is_valid():
            try:
                services.return_submit(
                    user=request.user,
                    monitoring_return=monitoring_return,
                    outputs=form.cleaned_data["outputs"],
                    outcomes=form.cleaned_data["outcomes"],
                    spend_to_date_pence=form.cleaned_data["spend_to_date"],
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, "Monitoring return submitted.")
                return redirect(monitoring_return)
    context = {
        "return": monitoring_return,
        "form": form,
        "is_staff": permissions.can_manage_grant(request.user, monitoring_return.grant),
        "overdue": monitoring_return.is_overdue(),
    }
    return render(request, "commissioning/return_detail.html", context)
