"""Shared pieces of the partner views: area look-ups and paging."""

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from pcc_portal.accounts.models import ForceArea

from ..selectors import (
    managed_areas_of,
    partner_areas_visible_to,
)

PAGE_SIZE = 50


def readable_area_or_404(request: HttpRequest, code: str) -> ForceArea:
    """Return an area whose partners the user may see; any other area does not exist for them."""
    return get_object_or_404(partner_areas_visible_to(request.user), code=code)


def managed_area_or_404(request: HttpRequest, code: str) -> ForceArea:
    return get_object_or_404(managed_areas_of(request.user), code=code)


def paginate(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
