"""Assessment, moderation and decisions on applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from pcc_portal.accounts.models import Role, User

from .. import services
from ..forms import AssignmentForm, DecisionForm, DeclarationForm, ModerationForm, ScoreForm
from ..models import Assignment, Score
from .applications import _application_for
from .common import _errors, _staff_only


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
