from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pcc_portal.accounts.models import ForceArea

from . import selectors
from .forms import SearchForm
from .sources import sections

PER_PAGE = 20


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search everything the user may read; each hit is checked by the app that owns it."""
    # Force area names are public (every area's published papers are); what is found in them is not.
    areas = list(ForceArea.objects.order_by("name").values_list("pk", "name"))
    form = SearchForm(request.GET or None, areas=areas)
    context = {"form": form, "page_obj": None, "query": ""}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        query = data["q"]
        candidates = selectors.matching_ids(
            query,
            section=data["section"],
            area_id=data["area"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
        visible = selectors.visible_hits(request.user, candidates)
        page_obj = Paginator(visible, PER_PAGE).get_page(request.GET.get("page"))
        names = dict(sections())
        hits = selectors.page_hits(query, list(page_obj.object_list))
        for hit in hits:
            hit.section = names.get(hit.section, hit.section)
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            query=query,
            page_obj=page_obj,
            hits=hits,
            capped=len(candidates) >= selectors.MAX_CANDIDATES,
            querystring=params.urlencode(),
        )
    return render(request, "search/results.html", context)
