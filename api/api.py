"""The open-data API: read-only, JSON, paginated, described by an OpenAPI 3 schema.

Built with django-ninja: typed schemas (pydantic) give the OpenAPI document for free,
and it is a plain Django view underneath, so the portal's middleware still applies.
"""

import dataclasses
import datetime
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from ninja import NinjaAPI, Path, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import PaginationBase, paginate
from ninja.security import HttpBearer
from pydantic import Field

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.pagecache import page_cache_exempt

from . import ratelimit, rows, schemas, selectors, services

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_ID = 2**63 - 1  # PostgreSQL's bigint: a larger id is a 422, not a database error


class TokenOrAnonymous(HttpBearer):
    """No Authorization header: an anonymous visitor. `Bearer <token>`: the token's owner. Anything else: 401."""

    openapi_description = "Optional. A staff member's API token, made on the portal's API tokens page."

    def __call__(self, request):
        request.api_token = None
        if "HTTP_AUTHORIZATION" not in request.META:
            ratelimit.check(request)
            return AnonymousUser()
        return super().__call__(request)

    def authenticate(self, request, token):
        api_token = services.authenticate_token(token)
        if api_token is None:
            return None
        request.api_token = api_token
        ratelimit.check(request, api_token)
        return api_token.user


class OpenDataAPI(NinjaAPI):
    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        return with_cors(request, response)

    def _get_urls(self):
        # The rate limit counts inside the view: a page served from the page cache would not be counted.
        patterns = super()._get_urls()
        for pattern in patterns:
            page_cache_exempt(pattern.callback)
        return patterns

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        # The token is optional: an operation may be called with no security at all.
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if "security" in operation and {} not in operation["security"]:
                    operation["security"] = [{}, *operation["security"]]
        return schema


def with_cors(request, response):
    """Any site may read a public GET; never a token-authenticated response."""
    anonymous = getattr(request, "api_token", None) is None and "HTTP_AUTHORIZATION" not in request.META
    if request.method in ("GET", "HEAD") and anonymous:
        response["Access-Control-Allow-Origin"] = "*"
    return response


api = OpenDataAPI(
    title="PCC Partnership Portal open data",
    version="1.0.0",
    description=(
        "Read-only open data published by the offices of Police and Crime Commissioners and their panels. "
        "Without a token you read what the portal publishes; OPCC staff may use a token to read their own "
        "area's records that are not yet public."
    ),
    auth=[TokenOrAnonymous()],
    docs_url=None,
    openapi_url="/openapi.json",
    urls_namespace="openapi",
)


@api.exception_handler(ratelimit.RateLimited)
def rate_limited(request, exc):
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    response = api.create_response(request, {"detail": "The token is not valid or has been revoked."}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@dataclasses.dataclass(frozen=True)
class Listing:
    """A list's records, and how to turn a page of them into the dicts the API returns."""

    queryset: QuerySet
    rows: Callable[[QuerySet], list[dict]]


def _one(listing: Listing) -> dict:
    found = listing.rows(listing.queryset[:1])
    if not found:
        raise Http404(f"No {listing.queryset.model._meta.object_name} matches the given query.")
    return found[0]


class Page(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=10_000, description="Page number, from 1.")
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")

    class Output(Schema):
        count: int = Field(description="Items on every page together.")
        page: int
        page_size: int
        next: str | None = Field(description="The next page's address, if any.")
        previous: str | None = Field(description="The previous page's address, if any.")
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(self, queryset: Listing, pagination: Input, request, **params):
        page, size = pagination.page, pagination.page_size
        count = queryset.queryset.count()
        offset = (page - 1) * size
        items = queryset.rows(queryset.queryset[offset : offset + size]) if offset < count else []

        def link(number):
            query = request.GET.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(query.lists()), doseq=True)

        return {
            "count": count,
            "page": page,
            "page_size": size,
            "next": link(page + 1) if offset + size < count else None,
            "previous": link(page - 1) if page > 1 and offset - size < count else None,
            "items": items,
        }


class Filters(Schema):
    area: str | None = Field(None, max_length=60, description="A force area's code, e.g. `leicestershire`.")
    since: datetime.date | None = Field(None, description="On or after this date (YYYY-MM-DD).")
    until: datetime.date | None = Field(None, description="On or before this date (YYYY-MM-DD).")


class DateFilters(Schema):
    since: datetime.date | None = Field(None, description="On or after this date (YYYY-MM-DD).")
    until: datetime.date | None = Field(None, description="On or before this date (YYYY-MM-DD).")


class AreaFilter(Schema):
    area: str | None = Field(None, max_length=60, description="A force area's code, e.g. `leicestershire`.")


router = Router()


def _user(request):
    return request.auth


@router.get("/areas", response=list[schemas.AreaOut], summary="Police force areas", tags=["areas"])
@paginate(Page)
def list_areas(request):
    return Listing(selectors.areas(), rows.areas)


@router.get("/panels", response=list[schemas.PanelOut], summary="Police and crime panels", tags=["panels"])
@paginate(Page)
def list_panels(request, filters: Query[AreaFilter]):
    """Every panel with its members in post today and links to its meetings (panels are public bodies)."""
    return Listing(selectors.panels_list(**filters.dict()), rows.panels)


@router.get("/panels/{panel_id}", response=schemas.PanelOut, summary="One police and crime panel", tags=["panels"])
def get_panel(request, panel_id: Path[Annotated[int, Field(ge=1, le=MAX_ID)]]):
    return _one(Listing(selectors.panels_list().filter(pk=panel_id), rows.panels))


@router.get("/meetings", response=list[schemas.MeetingOut], summary="Panel meetings", tags=["panels"])
@paginate(Page)
def list_meetings(request, filters: Query[Filters]):
    """Meetings whose papers are published, newest first; filtered by the meeting's date."""
    return Listing(selectors.meetings(_user(request), **filters.dict()), rows.meetings)


@router.get("/meetings/{meeting_id}", response=schemas.MeetingOut, summary="One panel meeting", tags=["panels"])
def get_meeting(request, meeting_id: Path[Annotated[int, Field(ge=1, le=MAX_ID)]]):
    return _one(Listing(selectors.meetings(_user(request)).filter(pk=meeting_id), rows.meetings))


@router.get(
    "/agenda-items", response=list[schemas.AgendaItemOut], summary="Agenda items and their papers", tags=["panels"]
)
@paginate(Page)
def list_agenda_items(request, filters: Query[Filters]):
    """Items of published agendas (exempt items are left out), each with its report and the report's PDF."""
    return Listing(selectors.agenda_items(_user(request), **filters.dict()), rows.agenda_items)


@router.get(
    "/recommendations",
    response=list[schemas.RecommendationOut],
    summary="Panel recommendations and the Commissioner's responses",
    tags=["panels"],
)
@paginate(Page)
def list_recommendations(request, filters: Query[Filters]):
    """Recommendations of published panel reports; filtered by the date the report was sent."""
    user = _user(request)
    return Listing(selectors.recommendations(user, **filters.dict()), partial(rows.recommendations, user=user))


@router.get("/plans", response=list[schemas.PlanVersionOut], summary="Issued police and crime plans", tags=["plans"])
@paginate(Page)
def list_plans(request, filters: Query[Filters]):
    """Issued plan versions (and superseded ones); filtered by the start of the plan's period."""
    return Listing(selectors.plan_versions(_user(request), **filters.dict()), rows.plan_versions)


@router.get("/bulletins", response=list[schemas.BulletinOut], summary="Published bulletins", tags=["partners"])
@paginate(Page)
def list_bulletins(request, filters: Query[Filters]):
    return Listing(selectors.bulletins(_user(request), **filters.dict()), rows.bulletins)


@router.get(
    "/consultations", response=list[schemas.ConsultationOut], summary="Published consultations", tags=["consultations"]
)
@paginate(Page)
def list_consultations(request, filters: Query[Filters]):
    """Filtered by the closing date."""
    return Listing(selectors.consultations_for(_user(request), **filters.dict()), rows.consultations)


@router.get(
    "/consultation-responses",
    response=list[schemas.ConsultationResponseOut],
    summary="Published consultation responses",
    tags=["consultations"],
)
@paginate(Page)
def list_consultation_responses(request, filters: Query[Filters]):
    """Responses published with the respondent's consent; filtered by the date submitted."""
    return Listing(selectors.consultation_responses(_user(request), **filters.dict()), rows.consultation_responses)


@router.get("/grants", response=list[schemas.GrantOut], summary="The grants register", tags=["commissioning"])
@paginate(Page)
def list_grants(request, filters: Query[Filters]):
    """Published grants; filtered by the award date. Amounts are in pence."""
    return Listing(selectors.grants(_user(request), **filters.dict()), rows.grants)


@router.get(
    "/grant-decisions", response=list[schemas.GrantDecisionOut], summary="Grant decisions", tags=["commissioning"]
)
@paginate(Page)
def list_grant_decisions(request, filters: Query[Filters]):
    return Listing(selectors.grant_decisions(_user(request), **filters.dict()), rows.grant_decisions)


@router.get(
    "/transition-programmes",
    response=list[schemas.TransitionProgrammeOut],
    summary="Published transition summaries",
    tags=["transition"],
)
@paginate(Page)
def list_transition_programmes(request, filters: Query[Filters]):
    """Programmes moving an OPCC's functions to a successor body; filtered by the transfer date."""
    return Listing(selectors.transition_programmes(_user(request), **filters.dict()), rows.transition_programmes)


@router.get(
    "/areas/{code}/decisions",
    response=list[schemas.TransparencyDecisionOut],
    summary="An area's register of decisions",
    tags=["transparency"],
)
@paginate(Page)
def list_transparency_decisions(
    request,
    filters: Query[DateFilters],
    code: Path[Annotated[str, Field(max_length=60, description="The area's code.")]],
):
    """The Commissioner's published decisions (the Specified Information Order register)."""
    area = ForceArea.objects.filter(code=code).first()
    if area is None:
        raise Http404
    return Listing(
        selectors.transparency_decisions(_user(request), area=area, **filters.dict()), rows.transparency_decisions
    )


api.add_router("/v1/", router)
