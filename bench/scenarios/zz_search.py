"""Site search over everything the other scenarios built (runs last): the index rebuild, and searches
by a visitor, a staff member and an administrator (whose candidates span every area)."""

from django.db.models import Q
from django.test import Client

from pcc_portal.accounts.models import Role, User
from search.models import SearchEntry
from search.services import search_index_rebuild

REBUILD_TARGET_S = 300


def build() -> None:
    pass


def _rebuild() -> str:
    count = search_index_rebuild()
    return f"{count:,} entries"


def timings():
    return [("rebuild_search_index over the national data set", _rebuild, REBUILD_TARGET_S)]


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def pages():
    if not SearchEntry.objects.exists():
        search_index_rebuild()
    staff = User.objects.filter(role=Role.OPCC_STAFF).order_by("pk").first()
    admin = User.objects.filter(Q(role=Role.ADMINISTRATOR) | Q(is_superuser=True)).order_by("pk").first()
    visitor = _client(None)
    found = [
        ("search, visitor, common word", visitor, "/search/?q=community+safety"),
        ("search, visitor, rare word", visitor, "/search/?q=Lubbesthorpe"),
        ("search, visitor, page 5", visitor, "/search/?q=community&page=5"),
        ("search, visitor, section and date", visitor, "/search/?q=grant&section=commissioning&date_from=2013-01-01"),
    ]  # fmt: skip
    if staff is not None:
        found.append(("search, OPCC staff, common word", _client(staff), "/search/?q=community+safety"))
    if admin is not None:
        found.append(("search, administrator, common word", _client(admin), "/search/?q=community+safety"))
    return found
