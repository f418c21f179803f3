"""Thin views: parse input, call a service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners.selectors import organisations_in_area
from pcc_portal.accounts.models import Role, User
from pcc_portal.accounts.selectors import force_areas_visible_to
from pcc_portal.core.confirm import Confirmation, confirmation_page, is_confirmed
from pcc_portal.pdf.views import document_pdf_response
from plans.models import Priority

from . import opendata, permissions, selectors, services
from .charts import bar_chart
from .forms import (
    AllocationForm,
    ApplicationForm,
    ApplicationStartForm,
    AssignmentForm,
    DecisionForm,
    DeclarationForm,
    GrantForm,
    ModerationForm,
    ReturnForm,
    RoundForm,
    ScoreForm,
    StreamForm,
    VariationForm,
)
from .models import Allocation, Application, Assignment, Criterion, Grant, MonitoringReturn, Question, Score

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


# Overview ----------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Staff: the overview of spend, grants ending and overdue returns. Partner: their own work."""
    user = request.user
    grants = selectors.grants_visible_to(user)
    returns = selectors.returns_visible_to(user)
    context = {
        "applications": selectors.applications_visible_to(user).order_by("-updated_at")[:50],
        "open_rounds": selectors.rounds_visible_to(user).filter(closes_at__gt=timezone.now()).order_by("closes_at"),
        "ending_soon": selectors.grants_ending_soon(grants)[:LIST_LIMIT],
        "overdue": selectors.overdue_returns(returns)[:LIST_LIMIT],
        "overdue_count": selectors.overdue_returns(returns).count(),
        "returns_due": selectors.returns_due_for(user).filter(due_date__gte=timezone.localdate())[:LIST_LIMIT],
        "to_assess": selectors.applications_to_assess(user),
        "is_staff_view": user.is_administrator or user.role == Role.OPCC_STAFF,
    }
    if context["is_staff_view"]:
        spend = selectors.spend_overview(grants)
        context["spend"] = spend
        context["chart"] = bar_chart(
            title="Grant spend by plan priority",
            rows=[(row["label"], row["total"]) for row in spend["by_priority"]],
            chart_id="spend-by-priority",
        )
        context["streams"] = (
            selectors.streams_visible_to(user)
            .annotate(granted=Sum("grants__amount_pence", filter=~Q(grants__status=Grant.Status.TERMINATED)))
            .order_by("-financial_year", "name")
        )
    else:
        context["grants"] = grants.order_by("-end_date")[:LIST_LIMIT]
    return render(request, "commissioning/overview.html", context)


# Streams and allocations -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def stream_create(request: HttpRequest) -> HttpResponse:
    visible = force_areas_visible_to(request.user)
    areas = visible.filter(pk__in=[a.pk for a in visible if permissions.is_commissioner_staff(request.user, a.pk)])
    if not areas.exists():
        raise Http404
    form = StreamForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            stream = services.stream_create(
                user=request.user,
                force_area=form.cleaned_data["force_area"],
                name=form.cleaned_data["name"],
                financial_year=form.cleaned_data["financial_year"],
                budget_pence=form.cleaned_data["budget"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, f"{stream} created.")
            return redirect(stream)
    return render(request, "commissioning/stream_form.html", {"form": form})


@login_required
@require_GET
def stream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stream = get_object_or_404(selectors.streams_visible_to(request.user), pk=pk)
    _staff_only(request, stream.force_area_id)
    context = {
        "stream": stream,
        "allocations": stream.allocations.annotate(lines_count=Count("lines")),
        "rounds": stream.rounds.annotate(applications_count=Count("applications")),
        "grants": stream.grants.select_related("recipient"),
        "granted": stream.grants.exclude(status=Grant.Status.TERMINATED).aggregate(t=Sum("amount_pence"))["t"] or 0,
    }
    return render(request, "commissioning/stream_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def allocation_create(request: HttpRequest, pk: int) -> HttpResponse:
    stream = get_object_or_404(selectors.streams_visible_to(request.user), pk=pk)
    _staff_only(request, stream.force_area_id)
    kind = request.POST.get("recipients_kind") or request.GET.get("kind") or "councils"
    organisations = list(selectors.organisations_for_allocation(stream.force_area_id, kind).prefetch_related("covers"))
    form = AllocationForm(
        request.POST or None,
        organisations=organisations,
        populations={o.pk: services.population_of(o) for o in organisations},
        initial={"recipients_kind": kind, "total": stream.budget_pence},
    )
    if request.method == "POST" and form.is_valid():
        try:
            allocation = services.allocation_preview(
                user=request.user,
                stream=stream,
                title=form.cleaned_data["title"],
                total_pence=form.cleaned_data["total"],
                floor_pence=form.cleaned_data["floor"] or 0,
                recipients=organisations,
                weights=form.weights(),
                populations=form.populations(),
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.info(request, "Check the preview, then lock the allocation.")
            return redirect(allocation)
    return render(
        request,
        "commissioning/allocation_form.html",
        {"form": form, "stream": stream, "organisations": organisations, "kind": kind},
    )


@login_required
@require_GET
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(
        Allocation.objects.select_related("stream", "stream__force_area", "locked_by").filter(
            stream__in=selectors.streams_visible_to(request.user)
        ),
        pk=pk,
    )
    _staff_only(request, allocation.stream.force_area_id)
    lines = list(allocation.lines.select_related("organisation"))
    total_population = sum(line.population for line in lines)
    context = {
        "allocation": allocation,
        "lines": lines,
        "sum_pence": sum(line.amount_pence for line in lines),
        "total_population": total_population,
        "chart": bar_chart(
            title=f"{allocation.title}: amount per recipient",
            rows=[(line.organisation.name, line.amount_pence) for line in lines],
            chart_id="allocation-chart",
        ),
    }
    return render(request, "commissioning/allocation_detail.html", context)


@login_required
@require_POST
def allocation_lock(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(
        Allocation.objects.filter(stream__in=selectors.streams_visible_to(request.user)), pk=pk
    )
    _staff_only(request, allocation.stream.force_area_id)
    try:
        services.allocation_lock(user=request.user, allocation=allocation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Allocation locked.")
    return redirect(allocation)


@login_required
@require_POST
def allocation_discard(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(
        Allocation.objects.filter(stream__in=selectors.streams_visible_to(request.user)), pk=pk
    )
    _staff_only(request, allocation.stream.force_area_id)
    try:
        services.allocation_discard(user=request.user, allocation=allocation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(allocation)
    messages.success(request, "Draft allocation discarded.")
    return redirect(allocation.stream)


# Rounds ------------------------------------------------------------------------


def _area_priorities(area_id: int):
    """Return the priorities of the latest version of each of the area's plans."""
    from django.db.models import Max

    from plans.models import PlanVersion

    latest = (
        PlanVersion.objects.filter(plan__force_area_id=area_id)
        .values("plan_id")
        .annotate(latest=Max("number"))
        .values_list("plan_id", "latest")
    )
    condition = Q(pk__in=[])
    for plan_id, number in latest:
        condition |= Q(version__plan_id=plan_id, version__number=number)
    return Priority.objects.filter(condition, no_longer_priority=False).select_related("version__plan")


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    stream = get_object_or_404(selectors.streams_visible_to(request.user), pk=pk)
    _staff_only(request, stream.force_area_id)
    form = RoundForm(request.POST or None, priorities=_area_priorities(stream.force_area_id))
    if request.method == "POST" and form.is_valid():
        from django.db import transaction

        from .models import Round

        data = form.cleaned_data
        criteria = [line.strip() for line in data["criteria"].splitlines() if line.strip()]
        if not criteria:
            form.add_error("criteria", "Give at least one criterion.")
        else:
            with transaction.atomic():
                round_ = Round(
                    stream=stream,
                    title=data["title"],
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    eligibility=data["eligibility"],
                    max_award_pence=data["max_award"],
                )
                round_.full_clean()
                round_.save()
                round_.priorities.set(data["priorities"])
                for i, text in enumerate(line.strip() for line in data["questions"].splitlines() if line.strip()):
                    Question.objects.create(round=round_, text=text[:500], position=i)
                for i, title in enumerate(criteria):
                    Criterion.objects.create(round=round_, title=title[:200], position=i)
            messages.success(request, "Round created.")
            return redirect(round_)
    return render(request, "commissioning/round_form.html", {"form": form, "stream": stream})


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(
        selectors.rounds_visible_to(request.user).prefetch_related("priorities", "questions", "criteria"), pk=pk
    )
    is_staff = permissions.is_commissioner_staff(request.user, round_.stream.force_area_id)
    organisation = selectors.organisation_of(request.user)
    applications = selectors.applications_visible_to(request.user).filter(round=round_).order_by("organisation__name")
    can_apply, reason = permissions.can_apply(request.user, round_, organisation=organisation)
    context = {
        "round": round_,
        "is_staff": is_staff,
        "applications": applications,
        "can_apply": can_apply,
        "apply_reason": reason,
        "start_form": ApplicationStartForm(),
    }
    return render(request, "commissioning/round_detail.html", context)


# Applications ------------------------------------------------------------------


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
    my_assignment = application.assignments.filter(assessor=user).first()
    assignments = list(selectors.assignments_of(application)) if is_staff else []
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
    return render(request, "commissioning/application_form.html", {"form": form, "application": application})


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
    messages.success(request, "Application submitted. It can no longer be changed.")
    return redirect(application)


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


# Assessment --------------------------------------------------------------------


@login_required
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    _staff_only(request, application.round.stream.force_area_id)
    form = AssignmentForm(
        request.POST,
        assessors=User.objects.filter(
            is_active=True, force_areas=application.round.stream.force_area_id, role=Role.OPCC_STAFF
        ),
    )
    if not form.is_valid():
        messages.error(request, "Nobody assigned: choose an assessor from the list.")
        return redirect(application)
    assessor = form.cleaned_data["assessor"]
    services.assignment_create(user=request.user, application=application, assessor=assessor)
    messages.success(request, f"{assessor} assigned to assess this application.")
    return redirect(application)


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessor's page: declare interests, then score against each criterion."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("application", "application__round", "application__organisation"),
        application__pk=pk,
        assessor=request.user,
    )
    application = assignment.application
    criteria = list(application.round.criteria.all())
    existing = {s.criterion_id: s for s in Score.objects.filter(assignment=assignment)}
    declaration = DeclarationForm(request.POST if "declare" in request.POST else None)
    scoring = ScoreForm(request.POST if "score" in request.POST else None, criteria=criteria, existing=existing)
    if request.method == "POST":
        try:
            if "declare" in request.POST and declaration.is_valid():
                services.assignment_declare(
                    user=request.user,
                    assignment=assignment,
                    has_conflict=declaration.cleaned_data["has_conflict"],
                    details=declaration.cleaned_data["conflict_details"],
                )
                messages.success(request, "Declaration recorded.")
                return redirect("commissioning:assessment", pk=application.pk)
            if "score" in request.POST and scoring.is_valid():
                services.assignment_score(user=request.user, assignment=assignment, scores=scoring.scores())
                messages.success(request, "Scores saved.")
                return redirect(application)
        except ValidationError as error:
            _errors(declaration if "declare" in request.POST else scoring, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
    context = {
        "assignment": assignment,
        "application": application,
        "declaration": declaration,
        "scoring": scoring,
        "answers": [(q, application.answers.get(str(q.pk), "")) for q in application.round.questions.all()],
    }
    return render(request, "commissioning/assessment_form.html", context)


@login_required
@require_POST
def application_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    _staff_only(request, application.round.stream.force_area_id)
    form = ModerationForm(request.POST)
    if form.is_valid():
        try:
            services.application_moderate(
                user=request.user,
                application=application,
                recommendation=form.cleaned_data["recommendation"],
                amount_pence=form.cleaned_data["recommended_amount"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Recommendation recorded.")
    else:
        messages.error(request, "Choose a recommendation and give moderation notes.")
    return redirect(application)


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for(request, pk)
    _staff_only(request, application.round.stream.force_area_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = services.application_decide(
                user=request.user,
                application=application,
                outcome=form.cleaned_data["outcome"],
                amount_pence=form.cleaned_data["amount"],
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Decision {decision.reference} recorded and published.")
    else:
        messages.error(request, "Choose an outcome and give the reasons.")
    return redirect(application)


# Grants ------------------------------------------------------------------------


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
        selectors.grants_visible_to(request.user).prefetch_related(
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


# Public register ---------------------------------------------------------------


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    grants = selectors.published_grants()
    area_code = request.GET.get("area", "")
    if area_code:
        grants = grants.filter(force_area__code=area_code)
    from pcc_portal.accounts.models import ForceArea

    totals = grants.order_by().aggregate(total=Sum("amount_pence"), count=Count("pk"))
    paginator = Paginator(grants, REGISTER_PAGE_SIZE)
    paginator.count = totals["count"]  # counted above already
    page = paginator.get_page(request.GET.get("page"))
    published = Grant.objects.filter(force_area=OuterRef("pk"), is_published=True)
    context = {
        "page": page,
        "grants": page.object_list,
        "areas": ForceArea.objects.filter(Exists(published)).order_by("name"),
        "area_code": area_code,
        "total": totals["total"] or 0,
        "count": totals["count"],
    }
    return render(request, "commissioning/register_list.html", context)


@require_GET
def register_grant(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(selectors.published_grants(), pk=pk)
    decision = grant.application.decisions.filter(is_published=True).first() if grant.application_id else None
    context = {"grant": grant, "decision": decision, "grant_id_360": opendata.grant_identifier(grant)}
    return render(request, "commissioning/register_detail.html", context)


@require_GET
def register_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(opendata.register_csv(selectors.published_grants()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pcc-grants.csv"'
    return response


@require_GET
def register_json(request: HttpRequest) -> JsonResponse:
    package = opendata.package_360(selectors.published_grants())
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="pcc-grants-360giving.json"'
    return response


@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    return render(request, "commissioning/decision_list.html", {"decisions": selectors.published_decisions()})


@require_GET
def decision_detail(request: HttpRequest, reference: str) -> HttpResponse:
    decision = get_object_or_404(selectors.published_decisions(), reference=reference)
    return render(request, "commissioning/decision_detail.html", {"decision": decision})
