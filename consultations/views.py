"""Thin views: parse input, call a service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners.models import SeniorityTier
from partners.selectors import organisation_of
from pcc_portal.accounts.selectors import force_areas_visible_to
from pcc_portal.core.client_ip import client_ip
from pcc_portal.core.dates import long_date_time, short_date_time
from pcc_portal.core.links import path_maker
from pcc_portal.pdf.views import document_pdf_response

from . import selectors, services
from .forms import (
    ActionForm,
    ActionStatusForm,
    AnswersForm,
    AttendeeForm,
    ConsultationForm,
    DocumentForm,
    EventForm,
    FindingForm,
    NoteForm,
    OutcomeForm,
    PublicResponseForm,
    QuestionForm,
    RedactionForm,
    SessionForm,
    SubmitForm,
    TagForm,
    ThemeForm,
)
from .models import (
    Action,
    Attendee,
    Consultation,
    ConsultationDocument,
    Finding,
    Question,
    Redaction,
    Response,
    ResponseTag,
    Session,
    Theme,
)
from .permissions import (
    can_edit_response,
    can_manage_consultation,
    can_manage_event,
    can_publish_response,
    can_respond_as_organisation,
)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _managed_consultation(request, pk) -> Consultation:
    return get_object_or_404(selectors.consultations_managed_by(request.user), pk=pk)


def _managed_response(request, pk) -> Response:
    consultations = selectors.consultations_managed_by(request.user)
    return get_object_or_404(
        selectors.counted(Response.objects.filter(consultation__in=consultations)).select_related("consultation"),
        pk=pk,
    )


# --- Consultations: lists and pages ------------------------------------------------------------


def _write_list_rows(rows: list[dict]) -> None:
    """Give each consultation row its link, audience, dates and count of responses as the list writes them, worked
    out once here rather than by the template per row (a staff member's list holds every public consultation)."""
    url = path_maker("consultations:detail")
    audiences = {value: str(label) for value, label in Consultation.Audience.choices}
    for row in rows:
        count = row["response_count"]
        row["url"] = url(row["pk"])
        row["audience_label"] = audiences.get(row["audience"], row["audience"])
        row["opens_label"] = long_date_time(row["opens_at"])
        row["closes_label"] = long_date_time(row["closes_at"])
        row["responses_label"] = f"{count} response{'' if count == 1 else 's'}"


@login_required
@require_GET
def consultation_list(request):
    consultations = list(selectors.consultation_list(request.user))
    _write_list_rows(consultations)
    now = timezone.now()
    sections = {"open": [], "upcoming": [], "closed": [], "drafts": []}
    for row in consultations:
        if row["status"] == Consultation.Status.DRAFT:
            sections["drafts"].append(row)
        elif row["status"] == Consultation.Status.PUBLISHED:
            window = Consultation.window_at(opens_at=row["opens_at"], closes_at=row["closes_at"], at=now)
            sections[window].append(row)
    context = {
        **sections,
        "can_create": selectors.consultations_managed_by(request.user).exists()
        or (request.user.role == "opcc_staff" and bool(request.user.area_ids)),
        "now": now,
    }
    return render(request, "consultations/consultation_list.html", context)


@login_required
@require_GET
def consultation_detail(request, pk):
    consultation = get_object_or_404(selectors.consultations_for_page(request.user), pk=pk)
    organisation = organisation_of(request.user)
    own_response = selectors.organisation_response(consultation, organisation)
    manage = can_manage_consultation(request.user, consultation)  # from the area read with it
    context = {
        "consultation": consultation,
        "questions": consultation.questions.all(),
        "documents": consultation.documents.all(),
        "organisation": organisation,
        "own_response": own_response,
        "respond_verdict": can_respond_as_organisation(request.user, consultation) if organisation else None,
        "can_manage": manage,
        "response_count": consultation.response_count,
        "outcomes": selectors.outcomes_of(consultation) if manage or consultation.outcomes_published_at else [],
    }
    if manage:
        context["question_form"] = QuestionForm()
        context["document_form"] = DocumentForm()
        context["outcome_form"] = OutcomeForm(consultation=consultation)
    return render(request, "consultations/consultation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    areas = force_areas_visible_to(request.user)
    if not (request.user.is_administrator or request.user.role == "opcc_staff") or not areas.exists():
        raise PermissionDenied("Only OPCC staff create consultations.")
    form = ConsultationForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        consultation = form.save(commit=False)
        try:
            consultation = services.consultation_save(
                consultation=consultation, invited=form.cleaned_data["invited_organisations"], user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, "Consultation created. Add its questions and documents, then publish it.")
            return redirect(consultation)
    return render(request, "consultations/consultation_form.html", {"form": form, "consultation": None})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    consultation = _managed_consultation(request, pk)
    form = ConsultationForm(request.POST or None, instance=consultation, areas=force_areas_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_save(
                consultation=form.save(commit=False),
                invited=form.cleaned_data["invited_organisations"],
                invited_offered=form.fields["invited_organisations"].queryset,
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, "Consultation saved.")
            return redirect(consultation)
    return render(request, "consultations/consultation_form.html", {"form": form, "consultation": consultation})


@login_required
@require_POST
def consultation_publish_view(request, pk):
    consultation = _managed_consultation(request, pk)
    try:
        services.consultation_publish(consultation=consultation, user=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "Consultation published.")
    return redirect(consultation)


@login_required
@require_POST
def question_add_view(request, pk):
    consultation = _managed_consultation(request, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(
                consultation=consultation,
                user=request.user,
                text=form.cleaned_data["text"],
                help_text=form.cleaned_data["help_text"],
                kind=form.cleaned_data["kind"],
                required=form.cleaned_data["required"],
                choices=form.cleaned_data["choices"],
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, "Question added.")
            return redirect(consultation)
    else:
        messages.error(
            request,
            "The question was not added: "
            + "; ".join(
                f"{form.fields[f].label if f in form.fields else 'Question'}: {' '.join(e)}"
                for f, e in form.errors.items()
            ),
        )
    return redirect(consultation)


@login_required
@require_POST
def question_delete_view(request, pk):
    question = get_object_or_404(
        Question.objects.filter(consultation__in=selectors.consultations_managed_by(request.user)), pk=pk
    )
    try:
        services.question_delete(question=question, user=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "Question removed.")
    return redirect(question.consultation)


@login_required
@require_POST
def document_add_view(request, pk):
    consultation = _managed_consultation(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                consultation=consultation,
                user=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, "Document added.")
    else:
        messages.error(request, "The document was not added: " + _form_errors(form))
    return redirect(consultation)


@require_GET
def document_download(request, pk):
    document = get_object_or_404(
        ConsultationDocument.objects.filter(consultation__in=selectors.consultations_visible_to(request.user)), pk=pk
    )
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


# --- Responding on behalf of an organisation ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def respond(request, pk):
    consultation = get_object_or_404(selectors.consultations_visible_to(request.user), pk=pk)
    organisation = organisation_of(request.user)
    response = selectors.organisation_response(consultation, organisation)
    if response is None:
        verdict = can_respond_as_organisation(request.user, consultation)
        if not verdict:
            if organisation is None and not consultation.is_public:
                raise Http404
            messages.error(request, verdict.reason)
            return redirect(consultation)
        response = services.response_start(consultation=consultation, user=request.user)
    if response.status != Response.Status.DRAFT:
        return redirect(response)
    questions = list(consultation.questions.all())
    answers = response.answers.select_related("question")
    editable = can_edit_response(request.user, response)
    form = AnswersForm(questions=questions, initial=AnswersForm.initial_from(answers))
    submit_form = SubmitForm(initial={"publication_consent": response.publication_consent})
    if request.method == "POST":
        submitting = "submit" in request.POST
        form = AnswersForm(request.POST, questions=questions, enforce_required=submitting)
        submit_form = SubmitForm(request.POST)
        if form.is_valid() and submit_form.is_valid():
            try:
                if submitting:
                    response = services.response_submit(
                        response=response,
                        user=request.user,
                        values=form.answer_values(),
                        consent=submit_form.cleaned_data["publication_consent"],
                    )
                else:
                    services.response_save_draft(response=response, user=request.user, values=form.answer_values())
            except ValidationError as exc:
                messages.error(request, _errors(exc))
                if not can_edit_response(request.user, response):
                    return redirect(consultation)
            else:
                if submitting:
                    messages.success(
                        request,
                        f"Your response has been submitted on behalf of {organisation}. "
                        f"Your reference is {response.reference}; a receipt is on its way by email.",
                    )
                    return redirect(response)
                messages.success(request, "Your draft has been saved.")
                return redirect("consultations:respond", pk=consultation.pk)
        elif submitting:
            messages.error(request, "Your response was not submitted: check the questions marked below.")
        else:
            messages.error(request, "Your draft was not saved: check the questions marked below.")
    context = {
        "consultation": consultation,
        "response": response,
        "form": form,
        "submit_form": submit_form,
        "editable": editable,
        "organisation": organisation,
    }
    return render(request, "consultations/response_form.html", context)


@login_required
@require_POST
def respond_autosave(request, pk):
    """Save the draft as the partner types (htmx); answer with a short status line."""
    consultation = get_object_or_404(selectors.consultations_visible_to(request.user), pk=pk)
    response = selectors.organisation_response(consultation, organisation_of(request.user))
    if response is None:
        raise Http404
    form = AnswersForm(request.POST, questions=consultation.questions.all())
    # A refusal is a status and one plain sentence, which static/js/autosave.js shows as "Not saved: …".
    if not form.is_valid():
        return _autosave_refusal(f"Check your answers. {_form_errors(form)}", status=400)
    try:
        services.response_save_draft(response=response, user=request.user, values=form.answer_values())
    except ValidationError as exc:
        # Closed, or submitted meanwhile: saving again cannot succeed, so the page stops retrying.
        return _autosave_refusal(f"{_errors(exc)} Your answers were not saved.", status=409)
    saved_at = timezone.localtime()
    page = render(
        request,
        "consultations/partials/autosave_status.html",
        {"message": f"Draft saved at {saved_at.strftime('%H:%M:%S')}.", "ok": True},
    )
    page["X-Autosave-Saved"] = saved_at.isoformat()
    return page


def _autosave_refusal(message: str, *, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@require_GET
def response_detail(request, pk):
    return _response_page(request, pk)


def _response_page(request, pk, *, status: int = 200, **bound_forms) -> HttpResponse:
    """Render a response; an analyst's form that was refused comes back bound, with what they typed and why."""
    response = get_object_or_404(
        selectors.responses_visible_to(request.user).select_related("consultation__force_area", "organisation"), pk=pk
    )
    manage = can_manage_consultation(request.user, response.consultation) if request.user.is_authenticated else False
    own = response.organisation_id is not None and response.organisation_id == getattr(
        organisation_of(request.user), "pk", None
    )
    show_full = bool(manage or own)
    answers = list(
        response.answers.select_related("question").prefetch_related(
            Prefetch("redactions", queryset=Redaction.objects.order_by("pk"))
        )
    )
    for answer in answers:
        answer.shown_text = answer.text if show_full else services.redacted_text(answer)
    context = {
        "response": response,
        "consultation": response.consultation,
        "answers": answers,
        "own": own,
        "can_manage": manage,
        "can_edit": own and can_edit_response(request.user, response),
    }
    if manage:
        context.update(
            tags=response.tags.select_related("theme", "answer__question"),
            notes=response.notes.select_related("author"),
            redactions=response.redactions.select_related("answer__question", "created_by"),
            tag_form=TagForm(response=response, answers=answers),
            note_form=NoteForm(),
            redaction_form=RedactionForm(response=response, answers=answers),
            publish_verdict=can_publish_response(request.user, response, manage=manage),
        )
        context.update(bound_forms)
    return render(request, "consultations/response_detail.html", context, status=status)


# --- Analysis -----------------------------------------------------------------------------------


def _write_analysis_rows(responses: list[Response], questions: list[dict]) -> None:
    """Give each response its row's link, respondent, submission time, themes and publication state, and each
    written answer its respondent's link and excerpt, worked out once here rather than per row in the template
    (a consultation has hundreds of responses, each with several written answers)."""
    url = path_maker("consultations:response_detail")
    for response in responses:
        response.row_url = url(response.pk)
        response.respondent_label = response.respondent
        response.submitted_label = short_date_time(response.submitted_at) if response.submitted_at else ""
        response.themes_label = "; ".join(tag.theme.name for tag in response.tag_list) or "Not tagged"
        if response.published_at:
            response.published_label = "Yes"
        else:
            response.published_label = "No (consent given)" if response.publication_consent else "No (no consent)"
    for item in questions:
        if item["counts"]:
            continue  # choices and ratings are counted, not listed
        for answer in item["answers"]:
            answer.excerpt = Truncator(answer.text).words(60, truncate=" …")  # as the truncatewords filter


@login_required
@require_GET
def analysis(request, pk):
    consultation = _managed_consultation(request, pk)
    responses = list(selectors.responses_for_analysis(consultation))
    questions = selectors.question_summaries(consultation, responses=responses)
    _write_analysis_rows(responses, questions)
    context = {
        "consultation": consultation,
        "responses": responses,
        "questions": questions,
        "theme_counts": selectors.theme_counts(responses),
        "type_counts": selectors.organisation_type_counts(responses),
        "awaiting": consultation.responses.filter(status=Response.Status.AWAITING_CONFIRMATION).count(),
    }
    return render(request, "consultations/consultation_analysis.html", context)


# Which of the response page's forms each analyst's form is.
ANALYSIS_FORMS = {TagForm: "tag_form", NoteForm: "note_form", RedactionForm: "redaction_form"}


def _analysis_post(request, pk, form_class, action, success: str):
    response = _managed_response(request, pk)
    form = form_class(request.POST, response=response) if form_class is not NoteForm else NoteForm(request.POST)
    if form.is_valid():
        try:
            action(response, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect(response)
    # Refused: the page again, with the form as the analyst filled it in and its errors beside the fields.
    messages.error(request, "Nothing was saved: check the form marked below.")
    return _response_page(request, response.pk, status=400, **{ANALYSIS_FORMS[form_class]: form})


@login_required
@require_POST
def response_tag_add_view(request, pk):
    return _analysis_post(
        request,
        pk,
        TagForm,
        lambda r, d: services.response_tag_add(
            response=r, user=request.user, theme=d["theme"], answer=d["answer"], excerpt=d["excerpt"]
        ),
        "Theme tagged.",
    )


@login_required
@require_POST
def response_tag_delete_view(request, pk):
    tag = get_object_or_404(
        ResponseTag.objects.filter(response__consultation__in=selectors.consultations_managed_by(request.user)), pk=pk
    )
    services.response_tag_remove(tag=tag, user=request.user)
    messages.success(request, "Tag removed.")
    return redirect(tag.response)


@login_required
@require_POST
def analyst_note_add_view(request, pk):
    return _analysis_post(
        request,
        pk,
        NoteForm,
        lambda r, d: services.analyst_note_add(response=r, user=request.user, text=d["text"]),
        "Note added.",
    )


@login_required
@require_POST
def redaction_add_view(request, pk):
    return _analysis_post(
        request,
        pk,
        RedactionForm,
        lambda r, d: services.redaction_add(
            response=r, user=request.user, answer=d["answer"], phrase=d["phrase"], reason=d["reason"]
        ),
        "Redaction recorded.",
    )


@login_required
@require_POST
def response_publish_view(request, pk):
    response = _managed_response(request, pk)
    try:
        services.response_publish(response=response, user=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "Response published.")
    return redirect(response)


@login_required
@require_POST
def response_unpublish_view(request, pk):
    response = _managed_response(request, pk)
    services.response_unpublish(response=response, user=request.user)
    messages.success(request, "Response withdrawn from publication.")
    return redirect(response)


@login_required
@require_GET
def export_xlsx_view(request, pk):
    consultation = _managed_consultation(request, pk)
    response = HttpResponse(
        services.export_xlsx(consultation),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.pk}-responses.xlsx"'
    return response


@login_required
@require_GET
def export_csv_view(request, pk):
    consultation = _managed_consultation(request, pk)
    response = HttpResponse(services.export_csv(consultation), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.pk}-responses.csv"'
    return response


@login_required
@require_POST
def outcome_add_view(request, pk):
    consultation = _managed_consultation(request, pk)
    form = OutcomeForm(request.POST, consultation=consultation)
    if form.is_valid():
        try:
            services.outcome_add(
                consultation=consultation,
                user=request.user,
                you_said=form.cleaned_data["you_said"],
                we_did=form.cleaned_data["we_did"],
                themes=form.cleaned_data["themes"],
                changed_plan_version=form.cleaned_data["changed_plan_version"],
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, "Outcome added.")
    else:
        messages.error(request, "The outcome was not added: " + _form_errors(form))
    return redirect(consultation)


@login_required
@require_POST
def outcomes_publish_view(request, pk):
    consultation = _managed_consultation(request, pk)
    try:
        services.outcomes_publish(consultation=consultation, user=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, '"You said, we did" is published.')
    return redirect(consultation)


# --- Public pages -------------------------------------------------------------------------------


@require_GET
def public_list(request):
    consultations = list(selectors.public_consultations())
    now = timezone.now()
    context = {
        "open": [c for c in consultations if c.is_open(now)],
        "closed": [c for c in consultations if c.has_closed(now)],
        "outcomes": selectors.public_outcomes_consultations().select_related("force_area"),
    }
    return render(request, "consultations/public_list.html", context)


@require_http_methods(["GET", "POST"])
def public_detail(request, pk):
    consultation = get_object_or_404(selectors.public_consultations().select_related("plan_version__plan"), pk=pk)
    questions = list(consultation.questions.all())
    form = PublicResponseForm(request.POST or None, questions=questions)
    sent = False
    if request.method == "POST" and form.is_valid():
        try:
            services.public_response_create(
                consultation=consultation,
                name=form.cleaned_data["respondent_name"],
                email=form.cleaned_data["respondent_email"],
                organisation_name=form.cleaned_data["organisation_name"],
                values=form.answer_values(),
                consent=form.cleaned_data["publication_consent"],
                client_ip=client_ip(request) or "unknown",
            )
        except services.RateLimited as exc:
            form.add_error(None, str(exc))
            return render(request, "consultations/public_detail.html", _public_context(consultation, form), status=429)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            sent = True
    context = _public_context(consultation, form)
    context["sent"] = sent
    return render(request, "consultations/public_detail.html", context)


def _public_context(consultation, form) -> dict:
    published = (
        selectors.counted(consultation.responses.filter(published_at__isnull=False, publication_consent=True))
        .select_related("organisation")
        .order_by("submitted_at")
    )
    return {
        "consultation": consultation,
        "form": form,
        "documents": consultation.documents.all(),
        "is_open": consultation.is_open(),
        "published_responses": published,
    }


@require_GET
def public_confirm(request, token):
    try:
        response = services.response_confirm(token=token)
    except ValidationError as exc:
        return render(request, "consultations/public_confirm.html", {"error": _errors(exc)}, status=400)
    return render(request, "consultations/public_confirm.html", {"response": response})


@require_GET
def public_outcomes(request, pk):
    consultation = get_object_or_404(
        selectors.public_outcomes_consultations().select_related("force_area", "plan_version__plan"), pk=pk
    )
    return render(
        request,
        "consultations/public_outcomes.html",
        {"consultation": consultation, "outcomes": selectors.outcomes_of(consultation)},
    )


# --- Events -------------------------------------------------------------------------------------


@login_required
@require_GET
def event_list(request):
    return render(request, "consultations/event_list.html", {"events": selectors.event_list(request.user)})


def _write_event_rows(sessions: list[Session], actions: list[Action]) -> None:
    """Give each session its edit link, each of its attendees (rows) its representative, seniority and attendance
    as the page words them, and each action its links: worked out once here rather than per row in the template
    (an event has dozens of attendees)."""
    session_url = path_maker("consultations:session_edit")
    seniorities = dict(SeniorityTier.choices)
    for session in sessions:
        session.edit_url = session_url(session.pk)
        for attendee in session.attendee_list:  # rows (selectors.event_sessions)
            if attendee["contact_id"] or attendee["name"]:
                # As Attendee.display_name names them: the contact, else the name given.
                name = attendee["contact__full_name"] if attendee["contact_id"] else attendee["name"]
                role = f", {attendee['role']}" if attendee["role"] else ""
                attendee["representative_label"] = f"{name}{role}"
            else:
                attendee["representative_label"] = attendee["role"] or "Representative"
            seniority = attendee["seniority"]
            attendee["seniority_label"] = seniorities.get(seniority, seniority) or "Not recorded"
            attendee["attended_label"] = "Attended" if attendee["attended"] else "Invited only"
    edit_url, status_url = path_maker("consultations:action_edit"), path_maker("consultations:action_status")
    for action in actions:
        action.edit_url = edit_url(action.pk)
        action.status_url = status_url(action.pk)


@login_required
@require_GET
def event_detail(request, pk):
    event = get_object_or_404(selectors.events_for_page(request.user), pk=pk)
    # A programme's page lists only what the user may open: another area's events stay out.
    family = selectors.event_family_visible_to(event, request.user)
    family_ids = [e.pk for e in family]
    manage = can_manage_event(request.user, event)  # from the areas read with the event
    actions = list(Action.objects.filter(event_id__in=family_ids).order_by("responsible", "position", "pk"))
    sessions = selectors.event_sessions(event, family=family)
    _write_event_rows(sessions, actions)
    context = {
        "event": event,
        "family": family,
        "visible_children": family[1:],
        "areas": sorted({a for e in family for a in e.force_areas.all()}, key=lambda a: a.name),
        "sessions": sessions,
        "actions": actions,
        "can_manage": manage,
        "status_choices": Action.Status.choices,
        "recipient_count": len(services.event_feedback_recipients(event)) if manage else 0,
        "sent_count": event.sent_count if manage else 0,
        "finding_count": sum(e.finding_count for e in family),
    }
    return render(request, "consultations/event_detail.html", context)


@login_required
@require_GET
def event_record(request, pk):
    """The forms that record an event's sessions, attendees, findings and actions."""
    event = get_object_or_404(selectors.events_managed_by(request.user), pk=pk)
    context = {
        "event": event,
        "sessions": event.sessions.select_related("force_area")
        .annotate(attendee_count=Count("attendees", distinct=True), finding_count=Count("findings", distinct=True))
        .prefetch_related(Prefetch("attendees", queryset=Attendee.objects.select_related("organisation", "contact"))),
        "findings": event.findings.select_related("theme", "session"),
        "actions": event.actions.order_by("responsible", "position", "pk"),
        "session_form": SessionForm(event=event),
        "attendee_form": AttendeeForm(event=event),
        "finding_form": FindingForm(event=event, sessions=event.sessions.select_related("force_area")),
        "action_form": ActionForm(),
        "theme_form": ThemeForm(),
        "themes": Theme.objects.all(),
    }
    return render(request, "consultations/event_record.html", context)


@login_required
@require_GET
def event_report(request, pk):
    event = get_object_or_404(selectors.events_visible_to(request.user), pk=pk)
    return render(request, "consultations/event_report.html", {"report": selectors.findings_report(event)})


@login_required
@require_GET
def event_report_pdf(request, pk):
    event = get_object_or_404(selectors.events_visible_to(request.user), pk=pk)
    return document_pdf_response(
        request,
        document="consultations.findings_report",
        params={"event_id": event.pk},
        filename=f"findings-report-{event.pk}.pdf",
    )


@login_required
@require_POST
def event_feedback_view(request, pk):
    event = get_object_or_404(selectors.events_managed_by(request.user), pk=pk)
    try:
        count = services.event_feedback_queue(event=event, user=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(
            request, f"The feedback summary is being sent to {count} participant{'s' if count != 1 else ''}."
        )
    return redirect(event)


@login_required
@require_POST
def action_status_view(request, pk):
    action = get_object_or_404(
        Action.objects.filter(event__in=selectors.events_managed_by(request.user)).select_related("event"), pk=pk
    )
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_set_status(action=action, user=request.user, status=form.cleaned_data["status"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, f"Action marked {action.get_status_display().lower()}.")
    else:
        messages.error(request, "Choose a status.")
    return redirect(action.event)


def _programmes_for(user):
    return selectors.events_managed_by(user).filter(parent__isnull=True).order_by("-starts_on")


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    if not (request.user.is_administrator or request.user.role == "opcc_staff"):
        raise PermissionDenied("Only OPCC staff record consultation events.")
    form = EventForm(
        request.POST or None, areas=force_areas_visible_to(request.user), programmes=_programmes_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(
                event=form.save(commit=False), areas=form.cleaned_data["force_areas"], user=request.user
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, "Event recorded. Add its sessions, attendees, findings and actions.")
            return redirect(event)
    return render(request, "consultations/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = get_object_or_404(selectors.events_managed_by(request.user), pk=pk)
    form = EventForm(
        request.POST or None,
        instance=event,
        areas=force_areas_visible_to(request.user),
        programmes=_programmes_for(request.user).exclude(pk=event.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_save(
                event=form.save(commit=False), areas=form.cleaned_data["force_areas"], user=request.user
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, "Event saved.")
            return redirect(event)
    return render(request, "consultations/event_form.html", {"form": form, "event": event})


def _form_errors(form) -> str:
    return " ".join(
        f"{form[f].label if f in form.fields else ''}: {' '.join(e)}".lstrip(": ") for f, e in form.errors.items()
    )


def _event_add(request, pk, *, form_factory, save, success: str):
    event = get_object_or_404(selectors.events_managed_by(request.user), pk=pk)
    form = form_factory(event)
    if form.is_valid():
        try:
            save(event, form)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, success)
    else:
        messages.error(request, "Nothing was saved. " + _form_errors(form))
    return redirect("consultations:event_record", pk=event.pk)


@login_required
@require_POST
def session_add_view(request, pk):
    return _event_add(
        request,
        pk,
        form_factory=lambda event: SessionForm(request.POST, event=event),
        save=lambda event, form: services.session_add(event=event, user=request.user, session=form.save(commit=False)),
        success="Session added.",
    )


@login_required
@require_POST
def attendee_add_view(request, pk):
    def save(event, form):
        attendee = form.save(commit=False)
        attendee.seniority = form.cleaned_data.get("seniority") or ""
        services.attendee_add(session=form.cleaned_data["session"], user=request.user, attendee=attendee)

    return _event_add(
        request,
        pk,
        form_factory=lambda event: AttendeeForm(request.POST, event=event),
        save=save,
        success="Attendee added.",
    )


@login_required
@require_POST
def finding_add_view(request, pk):
    return _event_add(
        request,
        pk,
        form_factory=lambda event: FindingForm(request.POST, event=event, sessions=event.sessions.all()),
        save=lambda event, form: services.finding_add(
            event=event, user=request.user, finding=form.save(commit=False), areas=form.cleaned_data["areas"]
        ),
        success="Finding added.",
    )


@login_required
@require_POST
def action_add_view(request, pk):
    return _event_add(
        request,
        pk,
        form_factory=lambda event: ActionForm(request.POST),
        save=lambda event, form: services.action_add(event=event, user=request.user, action=form.save(commit=False)),
        success="Action added.",
    )


@login_required
@require_POST
def theme_add_view(request):
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            theme = services.theme_add(
                user=request.user, group=form.cleaned_data["group"], name=form.cleaned_data["name"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, f"Theme “{theme.name}” added.")
    else:
        messages.error(request, "Nothing was saved. " + _form_errors(form))
    next_url = request.POST.get("next", "")
    # A path on this site only; never given to redirect(), which would try it as a URL name.
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return redirect("consultations:event_list")


# --- Events: editing and deleting sessions, attendees, findings and actions ------------------------


def _managed_session(request, pk) -> Session:
    events = selectors.events_managed_by(request.user)
    return get_object_or_404(Session.objects.filter(event__in=events).select_related("event", "force_area"), pk=pk)


def _managed_attendee(request, pk) -> Attendee:
    events = selectors.events_managed_by(request.user)
    return get_object_or_404(
        Attendee.objects.filter(session__event__in=events).select_related("session__event", "organisation"), pk=pk
    )


def _managed_finding(request, pk) -> Finding:
    events = selectors.events_managed_by(request.user)
    return get_object_or_404(Finding.objects.filter(event__in=events).select_related("event", "theme"), pk=pk)


def _managed_action(request, pk) -> Action:
    events = selectors.events_managed_by(request.user)
    return get_object_or_404(Action.objects.filter(event__in=events).select_related("event"), pk=pk)


def _item_edit(request, *, event, form, save, item: str, label: str, delete_url: str, delete_confirm: str, extra=None):
    """Render (GET) or save (POST) an edit screen for one thing recorded at an event."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, f"{item.capitalize()} saved.")
            return redirect("consultations:event_record", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "item": item,
        "label": label,
        "delete_url": delete_url,
        "delete_confirm": delete_confirm,
        "delete_refusal": "",
        "delete_note": "",
        **(extra or {}),
    }
    return render(request, "consultations/event_item_edit.html", context)


def _item_delete(request, *, event, delete, item: str):
    try:
        delete()
    except ValidationError as exc:
        messages.error(request, f"The {item} was not deleted. {_errors(exc)}")
    else:
        messages.success(request, f"{item.capitalize()} deleted.")
    return redirect("consultations:event_record", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit_view(request, pk):
    session = _managed_session(request, pk)
    event = session.event
    form = SessionForm(request.POST or None, instance=session, event=event)
    finding_count = session.findings.count()
    attendee_count = session.attendees.count()
    return _item_edit(
        request,
        event=event,
        form=form,
        save=lambda form: services.session_update(session=form.save(commit=False), user=request.user),
        item="session",
        label=session.title,
        delete_url=reverse("consultations:session_delete", args=[session.pk]),
        delete_confirm=(
            f"Delete the session “{session.title}” and its {attendee_count} attendee"
            f"{'s' if attendee_count != 1 else ''}? This cannot be undone."
        ),
        extra={
            "delete_refusal": services.session_delete_refusal(session) if finding_count else "",
            "delete_note": (
                f"Deleting the session also deletes its {attendee_count} attendee"
                f"{'s' if attendee_count != 1 else ''}. A session that has findings cannot be deleted: "
                "move its findings to another session first."
            ),
        },
    )


@login_required
@require_POST
def session_delete_view(request, pk):
    session = _managed_session(request, pk)
    return _item_delete(
        request,
        event=session.event,
        delete=lambda: services.session_delete(session=session, user=request.user),
        item="session",
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendee_edit_view(request, pk):
    attendee = _managed_attendee(request, pk)
    event = attendee.session.event
    form = AttendeeForm(request.POST or None, instance=attendee, event=event)

    def save(form):
        changed = form.save(commit=False)
        changed.seniority = form.cleaned_data.get("seniority") or ""
        services.attendee_update(attendee=changed, user=request.user)

    return _item_edit(
        request,
        event=event,
        form=form,
        save=save,
        item="attendee",
        label=f"{attendee.display_name}, {attendee.organisation.name}",
        delete_url=reverse("consultations:attendee_delete", args=[attendee.pk]),
        delete_confirm=f"Remove {attendee.organisation.name} from “{attendee.session.title}”? This cannot be undone.",
    )


@login_required
@require_POST
def attendee_delete_view(request, pk):
    attendee = _managed_attendee(request, pk)
    return _item_delete(
        request,
        event=attendee.session.event,
        delete=lambda: services.attendee_delete(attendee=attendee, user=request.user),
        item="attendee",
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit_view(request, pk):
    finding = _managed_finding(request, pk)
    event = finding.event
    form = FindingForm(
        request.POST or None, instance=finding, event=event, sessions=event.sessions.select_related("force_area")
    )
    return _item_edit(
        request,
        event=event,
        form=form,
        save=lambda form: services.finding_update(
            finding=form.save(commit=False), user=request.user, areas=form.cleaned_data["areas"]
        ),
        item="finding",
        label=f"{finding.theme.name}: {finding.text[:60]}",
        delete_url=reverse("consultations:finding_delete", args=[finding.pk]),
        delete_confirm="Delete this finding? It will no longer appear in the findings report. This cannot be undone.",
    )


@login_required
@require_POST
def finding_delete_view(request, pk):
    finding = _managed_finding(request, pk)
    return _item_delete(
        request,
        event=finding.event,
        delete=lambda: services.finding_delete(finding=finding, user=request.user),
        item="finding",
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit_view(request, pk):
    action = _managed_action(request, pk)
    form = ActionForm(request.POST or None, instance=action)
    return _item_edit(
        request,
        event=action.event,
        form=form,
        save=lambda form: services.action_update(action=form.save(commit=False), user=request.user),
        item="action",
        label=action.heading or action.text[:60],
        delete_url=reverse("consultations:action_delete", args=[action.pk]),
        delete_confirm="Delete this action? This cannot be undone.",
    )


@login_required
@require_POST
def action_delete_view(request, pk):
    action = _managed_action(request, pk)
    return _item_delete(
        request,
        event=action.event,
        delete=lambda: services.action_delete(action=action, user=request.user),
        item="action",
    )
