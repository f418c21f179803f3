"""Briefing pages: thin views that check access (404 when refused), call a service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.client_ip import client_ip
from pcc_portal.pdf.views import document_pdf_response, start_pdf_job

from . import selectors, services
from .forms import AnswerForm, BriefingCreateForm, BriefingIntroductionForm, CandidateRegistrationForm, QuestionForm
from .models import Candidate, Question
from .pack import handover_pack, pack_programme, programmes_for_pack
from .permissions import can_manage_briefing, can_see_packs


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _managed_briefing_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.briefings_managed_by(request.user), pk=pk)


@require_GET
def briefing_list(request: HttpRequest) -> HttpResponse:
    briefings = selectors.briefings_visible_to(request.user).order_by("force_area__name", "-election_date")
    can_create = selectors.areas_for_new_briefing(request.user).exists()
    return render(request, "handover/briefing_list.html", {"briefings": briefings, "can_create": can_create})


@login_required
@require_http_methods(["GET", "POST"])
def briefing_create(request: HttpRequest) -> HttpResponse:
    areas = selectors.areas_for_new_briefing(request.user)
    if not areas.exists():
        raise Http404
    form = BriefingCreateForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            briefing = services.briefing_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "The briefing is created as a draft: write an introduction, then publish it.")
            return redirect(briefing)
    return render(request, "handover/briefing_form.html", {"form": form})


@require_GET
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = get_object_or_404(selectors.briefings_visible_to(request.user), pk=pk)
    context = {
        "briefing": briefing,
        "sections": selectors.briefing_sections(briefing),
        "questions": selectors.answered_questions(briefing),
        "can_manage": can_manage_briefing(request.user, briefing),
    }
    return render(request, "handover/briefing_detail.html", context)


@require_GET
def briefing_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = get_object_or_404(selectors.briefings_visible_to(request.user), pk=pk)
    return document_pdf_response(
        request,
        document="handover.briefing",
        params={"briefing_id": briefing.pk},
        filename=f"briefing-for-candidates-{briefing.force_area.code}-{briefing.election_date:%Y-%m-%d}.pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _managed_briefing_or_404(request, pk)
    form = BriefingIntroductionForm(request.POST or None, initial={"introduction": briefing.introduction})
    if request.method == "POST" and form.is_valid():
        try:
            services.briefing_update(user=request.user, briefing=briefing, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "The introduction is saved.")
            return redirect(briefing)
    return render(request, "handover/briefing_edit.html", {"form": form, "briefing": briefing})


@login_required
@require_POST
def briefing_publish(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _managed_briefing_or_404(request, pk)
    publish = request.POST.get("action") == "publish"
    services.briefing_set_published(user=request.user, briefing=briefing, published=publish)
    if publish:
        messages.success(request, "The briefing is published: anyone may read it and candidates may register.")
    else:
        messages.success(request, "The briefing is withdrawn from publication.")
    return redirect(briefing)


@require_http_methods(["GET", "POST"])
def candidate_register(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = get_object_or_404(selectors.briefings_visible_to(None).select_related("force_area"), pk=pk)
    form = CandidateRegistrationForm(request.POST or None)
    sent = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.candidate_register(
                    briefing=briefing,
                    name=data["name"],
                    email=data["email"],
                    party=data["party"],
                    client_ip=client_ip(request) or "unknown",
                )
            except services.RateLimited as exc:
                form.add_error(None, str(exc))
                status = 429
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                sent = True
        if not sent and status == 200:
            status = 400 if form.errors else 200
    return render(
        request, "handover/candidate_register.html", {"briefing": briefing, "form": form, "sent": sent}, status=status
    )


@require_http_methods(["GET", "POST"])
def candidate_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Show a button (link checkers that open the address confirm nothing); confirm on POST."""
    error = ""
    candidate = None
    if request.method == "POST":
        try:
            candidate = services.candidate_confirm(token=token)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "handover/candidate_confirm.html",
        {"candidate": candidate, "error": error, "token": token},
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def candidate_home(request: HttpRequest, token: str) -> HttpResponse:
    try:
        candidate = services.candidate_from_access_token(token)
    except ValidationError:
        raise Http404 from None
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_ask(candidate=candidate, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Your question is sent. The answer will reach every candidate at once.")
            return redirect("handover:candidate_home", token=token)
    context = {
        "candidate": candidate,
        "briefing": candidate.briefing,
        "form": form,
        "own_questions": selectors.questions_of_candidate(candidate),
    }
    return render(request, "handover/candidate_home.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def candidate_list(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _managed_briefing_or_404(request, pk)
    context = {"briefing": briefing, "candidates": selectors.candidates_of(briefing)}
    return render(request, "handover/candidate_list.html", context)


@login_required
@require_POST
def candidate_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(
        Candidate.objects.filter(briefing__in=selectors.briefings_managed_by(request.user)), pk=pk
    )
    try:
        services.candidate_withdraw(user=request.user, candidate=candidate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{candidate.name} is withdrawn: they receive no more answers.")
    return redirect("handover:candidate_list", pk=candidate.briefing_id)


@login_required
@require_GET
def question_list(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _managed_briefing_or_404(request, pk)
    context = {"briefing": briefing, "questions": selectors.questions_for_staff(briefing)}
    return render(request, "handover/question_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def answer_create(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.filter(briefing__in=selectors.briefings_managed_by(request.user)).select_related(
            "briefing", "briefing__force_area"
        ),
        pk=pk,
    )
    answers = list(question.answers.order_by("answered_at", "pk"))
    correction = bool(answers)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_give(
                user=request.user, question=question, text=form.cleaned_data["text"], correction=correction
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Sent to every confirmed candidate and published on the briefing page.")
            return redirect("handover:question_list", pk=question.briefing_id)
    context = {
        "question": question,
        "briefing": question.briefing,
        "answers": answers,
        "form": form,
        "correction": correction,
    }
    return render(request, "handover/answer_form.html", context, status=400 if form.errors else 200)


# --- The handover pack ---------------------------------------------------------------------------


@login_required
@require_GET
def pack_list(request: HttpRequest) -> HttpResponse:
    programmes = programmes_for_pack(request.user).order_by("force_area__name", "-transfer_date")
    if not can_see_packs(request.user):
        raise Http404
    return render(request, "handover/pack_list.html", {"programmes": programmes})


def _pack_programme_or_404(request: HttpRequest, pk: int):
    programme = pack_programme(request.user, pk)
    if programme is None:
        raise Http404
    return programme


@login_required
@require_GET
def pack_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _pack_programme_or_404(request, pk)
    # The register comes a page at a time, as on the register page; the PDF has all of it.
    context = handover_pack(programme, register_page_number=request.GET.get("page") or 1)
    return render(request, "handover/pack_detail.html", context)


@login_required
@require_GET
def pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _pack_programme_or_404(request, pk)
    return document_pdf_response(
        request,
        document="handover.pack",
        params={"programme_id": programme.pk},
        filename=f"handover-pack-{programme.force_area.code}-{programme.transfer_date:%Y-%m-%d}.pdf",
    )


@login_required
@require_POST
def pack_pdf_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Prepare the pack's PDF in the background (a long register) and follow its progress."""
    programme = _pack_programme_or_404(request, pk)
    return start_pdf_job(request, document="handover.pack", params={"programme_id": programme.pk})
