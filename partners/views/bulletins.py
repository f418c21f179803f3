"""Bulletins: the public archive and page, the PDF, drafting, scheduling and publishing.

Thin views: check access (404 when refused), call a service, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.confirm import Confirmation, confirmation_page, is_confirmed
from pcc_portal.pdf.views import document_pdf_response

from .. import services
from ..documents import bulletin_context
from ..forms import (
    BulletinArticleForm,
    BulletinEventForm,
    BulletinForm,
    BulletinScheduleForm,
)
from ..models import Bulletin, BulletinArticle, BulletinEvent
from ..permissions import can_manage_bulletin
from ..selectors import (
    bulletin_recipients,
    bulletins_managed_by,
    bulletins_visible_to,
    managed_areas_of,
    published_bulletins,
)
from .common import paginate


@require_GET
def bulletin_archive(request: HttpRequest) -> HttpResponse:
    """The public archive of published bulletins."""
    return render(
        request,
        "partners/bulletin_archive.html",
        {
            "page_obj": paginate(request, published_bulletins()),
            "can_manage": managed_areas_of(request.user).exists(),
        },
    )


@require_GET
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins_visible_to(request.user).select_related("publisher"), pk=pk)
    context = bulletin_context(bulletin)
    context["can_manage"] = can_manage_bulletin(request.user, bulletin)
    if context["can_manage"]:
        context["schedule_form"] = BulletinScheduleForm()
        context["delivery_counts"] = {
            status: bulletin.deliveries.filter(status=status).count() for status in ("sent", "failed")
        }
    return render(request, "partners/bulletin_detail.html", context)


@require_GET
def bulletin_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins_visible_to(request.user), pk=pk)
    return document_pdf_response(
        request,
        document="partners.bulletin",
        params={"bulletin_id": bulletin.pk},
        filename=f"bulletin-{bulletin.number}.pdf",
    )


@login_required
@require_GET
def bulletin_manage_list(request: HttpRequest) -> HttpResponse:
    bulletins = bulletins_managed_by(request.user)
    if not managed_areas_of(request.user).exists():
        raise Http404
    return render(
        request,
        "partners/bulletin_manage_list.html",
        {"bulletins": bulletins.select_related("publisher", "force_area").order_by("status", "-issue_date")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_create(request: HttpRequest) -> HttpResponse:
    areas = managed_areas_of(request.user)
    if not areas.exists():
        raise Http404
    form = BulletinForm(request.POST or None, areas=areas, initial={"issue_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        bulletin = form.save(commit=False)
        # An OPCC's bulletin belongs to the area it is written for; an administrator's is national.
        audience = list(form.cleaned_data["audience"])
        bulletin.force_area = None if request.user.is_administrator else (audience[0] if audience else areas.first())
        try:
            bulletin.full_clean()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            bulletin.save()
            form.save_m2m()
            messages.success(request, "Draft bulletin created.")
            return redirect(bulletin)
    return render(request, "partners/bulletin_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins_managed_by(request.user).exclude(status=Bulletin.Status.PUBLISHED), pk=pk)
    areas = managed_areas_of(request.user)
    form = BulletinForm(request.POST or None, instance=bulletin, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            services.bulletin_save(
                bulletin=form.save(commit=False), audience=form.cleaned_data["audience"], audience_offered=areas
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Bulletin saved.")
            return redirect(bulletin)
    return render(request, "partners/bulletin_form.html", {"form": form, "bulletin": bulletin})


def _bulletin_part(request, pk: int, form_class, label: str, instance=None):
    bulletin = get_object_or_404(bulletins_managed_by(request.user).exclude(status=Bulletin.Status.PUBLISHED), pk=pk)
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        part = form.save(commit=False)
        part.bulletin = bulletin
        try:
            part.full_clean()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            part.save()
            messages.success(request, f"{label.capitalize()} {'saved' if instance else 'added'}.")
            return redirect(bulletin)
    return render(
        request,
        "partners/bulletin_part_form.html",
        {"form": form, "bulletin": bulletin, "label": label, "part": instance},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_article_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _bulletin_part(request, pk, BulletinArticleForm, "article")


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_event_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _bulletin_part(request, pk, BulletinEventForm, "event")


def _draft_part(request, model, pk: int):
    drafts = bulletins_managed_by(request.user).exclude(status=Bulletin.Status.PUBLISHED)
    return get_object_or_404(model.objects.filter(bulletin__in=drafts).select_related("bulletin"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = _draft_part(request, BulletinArticle, pk)
    return _bulletin_part(request, article.bulletin_id, BulletinArticleForm, "article", instance=article)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _draft_part(request, BulletinEvent, pk)
    return _bulletin_part(request, event.bulletin_id, BulletinEventForm, "event", instance=event)


@login_required
@require_POST
def bulletin_article_delete(request: HttpRequest, pk: int) -> HttpResponse:
    article = _draft_part(request, BulletinArticle, pk)
    article.delete()
    messages.success(request, f"Article “{article.title}” removed.")
    return redirect(article.bulletin)


@login_required
@require_POST
def bulletin_event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = _draft_part(request, BulletinEvent, pk)
    event.delete()
    messages.success(request, f"Event “{event.title}” removed.")
    return redirect(event.bulletin)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish now and email the bulletin, after a page that previews the email and counts its recipients."""
    bulletin = get_object_or_404(bulletins_managed_by(request.user), pk=pk)
    if not is_confirmed(request):
        recipients = bulletin_recipients(bulletin).count()
        return confirmation_page(
            request,
            Confirmation(
                title=f"Publish and email {bulletin.title}",
                button=f"Publish and email {recipients} contact{'s' * (recipients != 1)}",
                cancel_url=bulletin.get_absolute_url(),
                consequences=[
                    "The bulletin's page and PDF become public.",
                    f"An email goes to {recipients} consenting contact{'s' * (recipients != 1)} "
                    "in the bulletin's audience; it cannot be recalled.",
                ],
                preview_template="core/partials/preview_text.html",
                preview_context={"text": services.bulletin_email_preview(bulletin=bulletin)},
                preview_heading="The email recipients will receive",
            ),
        )
    try:
        services.bulletin_publish(bulletin=bulletin)
    except (services.InvalidTransition, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, "Bulletin published. Emails to consenting contacts are on their way.")
    return redirect(bulletin)


@login_required
@require_POST
def bulletin_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins_managed_by(request.user), pk=pk)
    form = BulletinScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.bulletin_schedule(bulletin=bulletin, when=form.cleaned_data["scheduled_for"])
        except (services.InvalidTransition, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Bulletin scheduled.")
    else:
        messages.error(request, "Enter a valid date and time to publish at.")
    return redirect(bulletin)


@login_required
@require_POST
def bulletin_unschedule(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins_managed_by(request.user), pk=pk)
    try:
        services.bulletin_unschedule(bulletin=bulletin)
    except services.InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Bulletin returned to draft.")
    return redirect(bulletin)
