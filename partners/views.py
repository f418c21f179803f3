"""Thin views: check access (404 when refused), call a service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.accounts.models import ForceArea
from pcc_portal.pdf.views import document_pdf_response

from . import services, transfer
from .documents import bulletin_context
from .filters import ContactFilter, EngagementFilter, OrganisationFilter
from .forms import (
    BulletinArticleForm,
    BulletinEventForm,
    BulletinForm,
    BulletinScheduleForm,
    ContactForm,
    EngagementForm,
    FollowUpActionForm,
    ImportForm,
    OrganisationForm,
    PartnershipForm,
    PartnershipMemberForm,
)
from .models import Bulletin, BulletinArticle, BulletinEvent, Contact, PartnershipMember
from .permissions import can_edit_organisation, can_manage_area_partners, can_manage_bulletin, can_view_contacts
from .selectors import (
    actions_visible_to,
    bulletins_managed_by,
    bulletins_visible_to,
    contacts_editable_by,
    contacts_visible_to,
    engagements_visible_to,
    landscape,
    managed_areas_of,
    organisation_list,
    organisation_of,
    organisations_editable_by,
    organisations_visible_to,
    partner_areas_visible_to,
    partnership_members,
    partnerships_in_area,
    partnerships_visible_to,
    published_bulletins,
)

PAGE_SIZE = 50


def _area(request: HttpRequest, code: str) -> ForceArea:
    """Return an area whose partners the user may see; any other area does not exist for them."""
    return get_object_or_404(partner_areas_visible_to(request.user), code=code)


def _managed_area(request: HttpRequest, code: str) -> ForceArea:
    return get_object_or_404(managed_areas_of(request.user), code=code)


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Index, organisations and contacts.


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    areas = partner_areas_visible_to(request.user)
    if not areas.exists():
        raise Http404
    return render(
        request,
        "partners/index.html",
        {"areas": areas, "own": organisation_of(request.user), "can_manage": managed_areas_of(request.user).exists()},
    )


@login_required
@require_GET
def organisation_list_view(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(request, code)
    filterset = OrganisationFilter(request.GET, queryset=organisation_list(user=request.user, area=area))
    page = _page(request, filterset.qs.distinct())
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/organisation_list.html",
        {
            "area": area,
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
            "can_manage": can_manage_area_partners(request.user, area.pk),
        },
    )


@login_required
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        organisations_visible_to(request.user).select_related("parent").prefetch_related("force_areas", "duties"),
        pk=pk,
    )
    contacts = (
        contacts_visible_to(request.user).filter(organisation=organisation)
        if can_view_contacts(request.user, organisation)
        else Contact.objects.none()
    )
    timeline = engagements_visible_to(request.user).filter(organisations=organisation).prefetch_related("actions")
    memberships = PartnershipMember.objects.filter(
        organisation=organisation, partnership__in=partnerships_visible_to(request.user)
    ).select_related("partnership")
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": contacts,
            "can_edit": can_edit_organisation(request.user, organisation),
            "show_contacts": can_view_contacts(request.user, organisation),
            "timeline": timeline,
            "memberships": memberships,
            "children": organisation.children.filter(is_active=True),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest, code: str) -> HttpResponse:
    area = _managed_area(request, code)
    form = OrganisationForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_save(organisation=form.save(commit=False), force_areas=[area])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{organisation.name} added.")
            return redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form, "area": area, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(organisations_editable_by(request.user), pk=pk)
    partner_view = organisation_of(request.user) is not None and not request.user.is_administrator
    area = organisation.force_areas.first()
    form = OrganisationForm(request.POST or None, instance=organisation, area=area, partner_view=partner_view)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_save(organisation=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Organisation details saved.")
            return redirect(organisation)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation, "area": area}
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(organisations_editable_by(request.user), pk=pk)
    form = ContactForm(request.POST or None, instance=Contact(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(contact=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Contact added.")
            return redirect(organisation)
    return render(request, "partners/contact_form.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(contacts_editable_by(request.user).select_related("organisation"), pk=pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(contact=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Contact saved.")
            return redirect(contact.organisation)
    return render(
        request, "partners/contact_form.html", {"form": form, "organisation": contact.organisation, "contact": contact}
    )


@login_required
@require_GET
def contact_list(request: HttpRequest, code: str) -> HttpResponse:
    """The area's contacts, e.g. to invite representatives of equal seniority to an event."""
    area = _managed_area(request, code)
    contacts = (
        contacts_visible_to(request.user)
        .filter(organisation__force_areas=area, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "full_name")
    )
    filterset = ContactFilter(request.GET, queryset=contacts)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/contact_list.html",
        {
            "area": area,
            "filter": filterset,
            "page_obj": _page(request, filterset.qs),
            "query": query.urlencode(),
            "can_manage": True,
        },
    )


# Export and import.


EXPORT_FORMATS = {"csv", "xlsx"}


def _download(data: bytes, *, filename: str, fmt: str) -> HttpResponse:
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
@require_GET
def organisations_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    area = _managed_area(request, code)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    organisations = organisations_visible_to(request.user).filter(force_areas=area).select_related("parent")
    rows = transfer.organisation_rows(organisations.order_by("name"))
    if fmt == "csv":
        data = transfer.to_csv(transfer.ORGANISATION_COLUMNS, rows)
    else:
        data = transfer.to_xlsx(transfer.ORGANISATION_COLUMNS, rows, sheet="Organisations")
    return _download(data, filename=f"organisations-{area.code}", fmt=fmt)


@login_required
@require_GET
def contacts_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    area = _managed_area(request, code)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    contacts = (
        contacts_visible_to(request.user)
        .filter(organisation__force_areas=area, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "full_name")
    )
    rows = transfer.contact_rows(contacts)
    if fmt == "csv":
        data = transfer.to_csv(transfer.CONTACT_COLUMNS, rows)
    else:
        data = transfer.to_xlsx(transfer.CONTACT_COLUMNS, rows, sheet="Contacts")
    return _download(data, filename=f"contacts-{area.code}", fmt=fmt)


IMPORTS = {
    "organisations": (transfer.organisations_import_plan, transfer.organisations_import, transfer.ORGANISATION_COLUMNS),
    "contacts": (transfer.contacts_import_plan, transfer.contacts_import, transfer.CONTACT_COLUMNS),
}


@login_required
@require_http_methods(["GET", "POST"])
def organisations_import_view(request: HttpRequest, code: str, kind: str = "organisations") -> HttpResponse:
    """Upload a CSV: first a dry run that shows what would change, then the import itself."""
    area = _managed_area(request, code)
    check, run, columns = IMPORTS[kind]
    form = ImportForm(request.POST or None, request.FILES or None)
    plan, error = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            if request.POST.get("action") == "import":
                plan = run(data=data, area=area)
                if plan.ok:
                    messages.success(
                        request, f"Imported {len(plan.created)} new and {len(plan.updated)} updated {kind}."
                    )
                    return redirect("partners:organisation_list", code=area.code)
            else:
                plan = check(data=data, area=area)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "partners/organisation_import.html",
        {"form": form, "area": area, "plan": plan, "error": error, "columns": columns, "kind": kind},
        status=200 if plan is None or plan.ok else 422,
    )


# Landscape.


@login_required
@require_GET
def landscape_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(request, code)
    return render(request, "partners/landscape_detail.html", landscape(area=area))


@login_required
@require_GET
def landscape_pdf(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(request, code)
    return document_pdf_response(
        request,
        document="partners.landscape",
        params={"area_id": area.pk},
        filename=f"partnership-landscape-{area.code}.pdf",
    )


# Partnerships and boards.


@login_required
@require_GET
def partnership_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(request, code)
    return render(
        request,
        "partners/partnership_list.html",
        {
            "area": area,
            "partnerships": partnerships_in_area(user=request.user, area=area),
            "can_manage": can_manage_area_partners(request.user, area.pk),
        },
    )


@login_required
@require_GET
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    members = partnership_members()
    partnership = get_object_or_404(
        partnerships_visible_to(request.user)
        .select_related("force_area", "parent")
        .prefetch_related(Prefetch("members", queryset=members), "subgroups"),
        pk=pk,
    )
    return render(
        request,
        "partners/partnership_detail.html",
        {"partnership": partnership, "can_manage": can_manage_area_partners(request.user, partnership.force_area_id)},
    )


@login_required
@require_GET
def partnership_terms(request: HttpRequest, pk: int) -> FileResponse:
    """Download a board's terms of reference: only for those who may see the board."""
    partnership = get_object_or_404(partnerships_visible_to(request.user).exclude(terms_of_reference=""), pk=pk)
    return FileResponse(partnership.terms_of_reference.open("rb"), as_attachment=True)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest, code: str) -> HttpResponse:
    area = _managed_area(request, code)
    return _partnership_form(request, area=area, instance=None)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).filter(force_area__in=managed_areas_of(request.user)), pk=pk
    )
    return _partnership_form(request, area=partnership.force_area, instance=partnership)


def _partnership_form(request, *, area, instance):
    form = PartnershipForm(request.POST or None, request.FILES or None, instance=instance, area=area)
    if request.method == "POST" and form.is_valid():
        partnership = form.save()
        messages.success(request, f"{partnership.name} saved.")
        return redirect(partnership)
    return render(request, "partners/partnership_form.html", {"form": form, "area": area, "partnership": instance})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).filter(force_area__in=managed_areas_of(request.user)), pk=pk
    )
    form = PartnershipMemberForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Member added.")
        return redirect(partnership)
    return render(
        request,
        "partners/partnership_member_form.html",
        {"partnership": partnership, "form": form},
        status=422 if request.method == "POST" else 200,
    )


# Engagement log.


@login_required
@require_GET
def engagement_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _managed_area(request, code)
    queryset = engagements_visible_to(request.user).filter(force_area=area).prefetch_related("organisations", "actions")
    filterset = EngagementFilter(request.GET, queryset=queryset)
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/engagement_list.html",
        {
            "area": area,
            "filter": filterset,
            "planned": filterset.qs.filter(held_on__gt=today).order_by("held_on")[:PAGE_SIZE],
            "held": _page(request, filterset.qs.filter(held_on__lte=today)),
            "query": query.urlencode(),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_create(request: HttpRequest, code: str) -> HttpResponse:
    area = _managed_area(request, code)
    form = EngagementForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        engagement = services.engagement_save(
            engagement=form.save(commit=False),
            organisations=form.cleaned_data["organisations"],
            partner_attendees=form.cleaned_data["partner_attendees"],
            user=request.user,
        )
        messages.success(request, "Engagement recorded.")
        return redirect(engagement)
    return render(request, "partners/engagement_form.html", {"form": form, "area": area})


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(engagements_visible_to(request.user).select_related("force_area"), pk=pk)
    area = engagement.force_area
    form = EngagementForm(request.POST or None, instance=engagement, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_save(
                engagement=form.save(commit=False),
                organisations=form.cleaned_data["organisations"],
                partner_attendees=form.cleaned_data["partner_attendees"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Engagement saved.")
            return redirect(engagement)
    return render(request, "partners/engagement_form.html", {"form": form, "area": area, "engagement": engagement})


@login_required
@require_http_methods(["GET", "POST"])
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        engagements_visible_to(request.user)
        .select_related("force_area", "partnership")
        .prefetch_related("organisations", "partner_attendees", "actions"),
        pk=pk,
    )
    form = FollowUpActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Follow-up action added.")
            return redirect(engagement)
    return render(
        request,
        "partners/engagement_detail.html",
        {"engagement": engagement, "action_form": form, "today": timezone.localdate()},
    )


@login_required
@require_POST
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(actions_visible_to(request.user).select_related("engagement"), pk=pk)
    try:
        services.action_complete(action=action)
    except services.InvalidTransition as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(request, "Action marked done.")
    return redirect(action.engagement)


# Bulletins.


@require_GET
def bulletin_archive(request: HttpRequest) -> HttpResponse:
    """The public archive of published bulletins."""
    return render(
        request,
        "partners/bulletin_archive.html",
        {
            "page_obj": _page(request, published_bulletins()),
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
        bulletin.force_area = None if request.user.is_administrator else areas.first()
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
    form = BulletinForm(request.POST or None, instance=bulletin, areas=managed_areas_of(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Bulletin saved.")
        return redirect(bulletin)
    return render(request, "partners/bulletin_form.html", {"form": form, "bulletin": bulletin})


def _bulletin_part(request, pk: int, form_class, label: str, instance=None):
    bulletin = get_object_or_404(bulletins_managed_by(request.user).exclude(status=Bulletin.Status.PUBLISHED), pk=pk)
    form = form_class(request.POST or None, instance=instance)
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
@require_POST
def bulletin_publish(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(bulletins_managed_by(request.user), pk=pk)
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
