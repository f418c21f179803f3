"""The public register of grants and published decisions."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import Truncator
from django.views.decorators.http import require_GET

from pcc_portal.core.dates import date_names, short_date
from pcc_portal.core.links import path_maker
from pcc_portal.core.templatetags.portal import pence

from .. import opendata, selectors
from ..models import Grant
from .common import REGISTER_PAGE_SIZE


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    # The list shows neither variations nor the funder: read only the columns of its rows, as values.
    grants = selectors.published_grants().prefetch_related(None).select_related(None)
    area_code = request.GET.get("area", "")
    if area_code:
        grants = grants.filter(force_area__code=area_code)
    from pcc_portal.accounts.models import ForceArea

    totals = grants.order_by().aggregate(total=Sum("amount_pence"), count=Count("pk"))
    columns = ("pk", "title", "amount_pence", "start_date", "end_date", "conditions", "repayment_conditions")
    paginator = Paginator(grants.values_list(*columns, "recipient__name", "force_area__name"), REGISTER_PAGE_SIZE)
    paginator.count = totals["count"]  # counted above already
    page = paginator.get_page(request.GET.get("page"))
    published = Grant.objects.filter(force_area=OuterRef("pk"), is_published=True)
    context = {
        "page": page,
        "grants": _register_rows(page.object_list),
        "areas": ForceArea.objects.filter(Exists(published)).order_by("name"),
        "area_code": area_code,
        "total": totals["total"] or 0,
        "count": totals["count"],
    }
    return render(request, "commissioning/register_list.html", context)


def _register_rows(values) -> list[dict]:
    """Return the page's rows as the table writes them, once here: a grant, recipient and area object per row and
    the template's filters (date, pence, truncatewords, the register link) cost more than the rest of the page."""
    grant_path, names = path_maker("commissioning:register_grant"), date_names()
    rows = []
    for (
        pk,
        title,
        amount_pence,
        start_date,
        end_date,
        conditions,
        repayment_conditions,
        recipient_name,
        area_name,
    ) in values:
        rows.append(
            {
                "recipient_name": recipient_name,
                "area_name": area_name,
                "url": grant_path(pk),
                "title": title,
                "amount_text": pence(amount_pence),
                "period_text": f"{short_date(start_date, names)} to {short_date(end_date, names)}",
                "conditions_text": Truncator(conditions).words(14, truncate=" …"),  # as truncatewords:14
                "repayment_conditions": repayment_conditions,
            }
        )
    return rows


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
