"""Organisations and their contacts.

Thin views: check access (404 when refused), call a service, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.encoding import force_str
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.links import path_maker

from .. import services
from ..filters import ContactFilter, OrganisationFilter
from ..forms import (
    ContactForm,
    OrganisationForm,
)
from ..models import Contact, Duty, OrganisationType, PartnershipArea, PartnershipMember, SeniorityTier
from ..permissions import can_edit_organisation, can_manage_area_partners, can_view_contacts
from ..selectors import (
    contacts_editable_by,
    contacts_visible_to,
    duties_of,
    engagements_visible_to,
    managed_areas_of,
    organisation_list,
    organisation_of,
    organisations_editable_by,
    organisations_managed_by,
    organisations_visible_to,
    partner_areas_visible_to,
    partnerships_visible_to,
)
from .common import managed_area_or_404, paginate, readable_area_or_404


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
    area = readable_area_or_404(request, code)
    can_manage = can_manage_area_partners(request.user, area.pk)
    filterset = OrganisationFilter(
        request.GET, queryset=organisation_list(user=request.user, area=area), show_deactivated=can_manage
    )
    page = paginate(request, filterset.qs)
    page.object_list = list(page.object_list)
    # Each row's link and labels are worked out here, once per page, rather than by the template per row (as
    # get_FOO_display would: it rebuilds the field's choices on every call).
    organisation_path = path_maker("partners:organisation_detail")
    types, areas, duties = (dict(c.choices) for c in (OrganisationType, PartnershipArea, Duty))
    duty_codes = duties_of([organisation.pk for organisation in page.object_list])
    for organisation in page.object_list:
        organisation.url = organisation_path(organisation.pk)
        organisation.type_label = force_str(types.get(organisation.org_type, organisation.org_type), strings_only=True)
        area_label = areas.get(organisation.partnership_area, organisation.partnership_area)
        organisation.area_label = force_str(area_label, strings_only=True)
        codes = duty_codes.get(organisation.pk, ())
        organisation.duty_text = "; ".join(force_str(duties.get(code, code)) for code in codes)
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
            "can_manage": can_manage,
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
            "can_deactivate": organisations_managed_by(request.user).filter(pk=organisation.pk).exists(),
            "show_contacts": can_view_contacts(request.user, organisation),
            "timeline": timeline,
            "memberships": memberships,
            # The breadcrumb leads to an area list the user can open (the Home Office is in every area).
            "breadcrumb_area": next(
                (a for a in organisation.force_areas.all() if request.user.in_area(a.pk)),
                None,
            ),
            "children": organisation.children.filter(is_active=True),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest, code: str) -> HttpResponse:
    area = managed_area_or_404(request, code)
    form = OrganisationForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_save(
                organisation=form.save(commit=False),
                force_areas=[area],
                covers=form.cleaned_data["covers"],
                duties=form.cleaned_data["duties"],
            )
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
    # The councils it may cover are offered from an area of the editor's; it keeps those of other areas.
    areas = list(organisation.force_areas.all())
    area = next((a for a in areas if request.user.in_area(a.pk)), areas[0] if areas else None)
    form = OrganisationForm(request.POST or None, instance=organisation, area=area, partner_view=partner_view)
    if request.method == "POST" and form.is_valid():
        try:
            staff_fields = (
                {}
                if partner_view
                else {
                    "covers": form.cleaned_data["covers"],
                    "covers_offered": form.fields["covers"].queryset,
                    "duties": form.cleaned_data["duties"],
                }
            )
            services.organisation_save(organisation=form.save(commit=False), **staff_fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Organisation details saved.")
            return redirect(organisation)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation, "area": area}
    )


@login_required
@require_POST
def organisation_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    """Deactivate (soft) or reactivate an organisation: OPCC staff of its area and administrators."""
    organisation = get_object_or_404(organisations_managed_by(request.user), pk=pk)
    try:
        services.organisation_set_active(organisation=organisation, active=active)
    except services.InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        if active:
            messages.success(request, f"{organisation.name} is active again and back in the lists.")
        else:
            messages.success(
                request,
                f"{organisation.name} is deactivated: it no longer appears in lists or can be chosen for boards "
                "and engagements. Its records are kept, and you can reactivate it from this page.",
            )
    return redirect(organisation)


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
    area = managed_area_or_404(request, code)
    contacts = (
        contacts_visible_to(request.user)
        .filter(organisation__force_areas=area, organisation__is_active=True, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "full_name")
    )
    filterset = ContactFilter(request.GET, queryset=contacts)
    page = paginate(request, filterset.qs)
    page.object_list = list(page.object_list)
    # Each row's links and label are worked out here, once per page, rather than by the template per row.
    contact_path, organisation_path = path_maker("partners:contact_edit"), path_maker("partners:organisation_detail")
    seniorities = dict(SeniorityTier.choices)
    for contact in page.object_list:
        contact.url, contact.organisation_url = contact_path(contact.pk), organisation_path(contact.organisation_id)
        contact.seniority_label = force_str(seniorities.get(contact.seniority, contact.seniority), strings_only=True)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/contact_list.html",
        {
            "area": area,
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
            "can_manage": True,
        },
    )
