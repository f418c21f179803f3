"""A whole-page cache whose keys change with every database write.

A GET page is stored in the default cache under a key made of a *generation*
and everything the page may depend on in the request (path, the user's
session, cookies, language, htmx headers, today's date in London). Every
statement that writes to the database, through any of Django's connections in
any process (web, Celery, manage.py), bumps the generation: once at the first
write of a transaction and again after its commit, so no page rendered before
the commit is ever served after it. Nobody sees data older than their own or
anyone else's committed write. Changes that no statement makes (a date passing,
a row edited with psql by hand) are bounded by PAGE_CACHE_SECONDS.

The generation must be shared by every process and incremented atomically:
the page cache is on by default only with Redis or Memcached as the default
cache (settings.PAGE_CACHE).
"""

import contextvars
import dataclasses
import datetime
import hashlib
import logging
import re
import threading
import time
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PAGE_KEY_PREFIX = "pagecache:page:"
RESPONSE_MARKS = ("_csp", "xframe_options_exempt")
LONDON = zoneinfo.ZoneInfo("Europe/London")
MAX_BYTES = 5 * 1024 * 1024  # a larger page is rendered each time rather than shipped to and from the cache

# Statements that change data or schema. Anything else (SELECT, SAVEPOINT, RELEASE, SET, BEGIN, COMMIT...) reads.
WRITE_KEYWORDS = frozenset(
    {"INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "ALTER", "CREATE", "DROP", "COPY", "REPLACE", "REFRESH"}
)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
_WRITE_IN_WITH = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)
_TARGET_TABLE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)[\"`]?\s", re.IGNORECASE
)
# Tables no page shows outside the admin (which is never cached): sessions, sign-in attempts, Celery beat's
# bookkeeping. Writing them must not empty everyone's cache (a session saves on every sign-in).
IGNORED_TABLES = frozenset({"django_session"})
IGNORED_TABLE_PREFIXES = ("axes_", "django_celery_beat_", "django_celery_results_")
# Headers a view may vary on that the key already covers.
KEYED_HEADERS = frozenset(
    {
        "cookie",
        "accept",
        "accept-language",
        "authorization",
        "hx-request",
        "hx-target",
        "hx-trigger",
        "hx-trigger-name",
        "hx-boosted",
        "hx-history-restore-request",
    }
)
_KEY_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_TRIGGER_NAME",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
    "HTTP_ACCEPT",
    "HTTP_AUTHORIZATION",
)


@dataclasses.dataclass
class _RequestState:
    key: str | None = None
    hit: bool = False
    wrote: bool = False


# Whether this thread has read the generation since it last bumped it (see invalidate_on_write).
_thread = threading.local()
_current_request: contextvars.ContextVar[_RequestState | None] = contextvars.ContextVar("pagecache", default=None)


# The generation.


def current_generation() -> int:
    """Return the generation pages are stored under now, starting one if the cache has none."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        _start_generation()
        generation = cache.get(GENERATION_KEY)
    return generation


def _start_generation() -> None:
    # From the clock, never from 0: a generation lost to eviction must not come back to a value that pages were
    # stored under (the old value was its own start plus one per write, far less than a nanosecond each).
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def bump_generation() -> None:
    """Make every page stored so far unreachable."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # evicted: a fresh start is past every generation stored
        _start_generation()


def retire_pages_of_earlier_code() -> None:
    """Retire every stored page as a web process starts: it may run new code or templates.

    A deploy that changes only templates writes nothing to the database, so without this the pages
    the previous release rendered would be served until PAGE_CACHE_SECONDS ran out.
    """
    if not settings.PAGE_CACHE:
        return
    try:
        bump_generation()
    except Exception:  # the process starts all the same; its writes fail until the cache is back
        logger.warning("Page cache unavailable as the process starts", exc_info=True)


# Write detection.


def is_write(sql) -> bool:
    """Tell whether a statement may change what a page shows."""
    if not isinstance(sql, str):
        return True  # composed SQL objects: assume the worst
    match = _FIRST_WORD.match(sql)
    if match is None:
        return False
    keyword = match.group(1).upper()
    if keyword == "WITH":
        return _WRITE_IN_WITH.search(sql) is not None
    if keyword not in WRITE_KEYWORDS:
        return False
    target = _TARGET_TABLE.match(sql)
    if target is None:
        return True
    table = target.group(1).lower()
    return not (table in IGNORED_TABLES or table.startswith(IGNORED_TABLE_PREFIXES) or table == _cache_table())


def _cache_table() -> str | None:
    config = settings.CACHES.get("default", {})
    return config.get("LOCATION") if config.get("BACKEND", "").endswith("DatabaseCache") else None


def _bump_after_commit() -> None:
    bump_generation()


def _bump_is_pending(connection: BaseDatabaseWrapper) -> bool:
    return any(func is _bump_after_commit for _savepoints, func, _robust in connection.run_on_commit)


def invalidate_on_write(execute: Callable, sql, params, many: bool, context: dict):
    """Bump the generation around a write: at the transaction's first write and again after its commit.

    A page rendered by another connection between the two bumps may hold data from before the commit; it was
    stored under the generation of the first bump, which the second one retires. A page this thread looked up
    inside an open transaction (only tests run requests in one) saw that transaction's writes so far: a later
    write of the same transaction bumps again at once.
    """
    if not settings.PAGE_CACHE or not is_write(sql):
        return execute(sql, params, many, context)
    state = _current_request.get()
    if state is not None:
        state.wrote = True
    connection = context["connection"]
    pending = connection.in_atomic_block and _bump_is_pending(connection)
    if pending and not getattr(_thread, "generation_read", False):
        return execute(sql, params, many, context)
    _thread.generation_read = False
    bump_generation()
    result = execute(sql, params, many, context)
    if pending:
        return result
    if connection.in_atomic_block or connection.get_autocommit():
        # Inside a transaction: after its commit. In autocommit: now, the statement is committed.
        # On the connection itself: the one that creates databases ("__no_db__") is not in django.db.connections.
        connection.on_commit(_bump_after_commit, robust=True)
    else:
        bump_generation()  # manual transaction management: the best there is before the commit
    return result


def watch_connection(connection: BaseDatabaseWrapper) -> None:
    """Give a connection the write watcher, once."""
    if invalidate_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(invalidate_on_write)


def watch_existing_connections() -> None:
    """Give the write watcher to the connections this thread has already opened."""
    if settings.PAGE_CACHE:
        for connection in connections.all(initialized_only=True):
            watch_connection(connection)


def on_connection_created(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    if settings.PAGE_CACHE:
        watch_connection(connection)


def on_setting_changed(sender, setting: str, enter: bool, **kwargs) -> None:
    # Tests turn the page cache on with override_settings; the watcher then stays, idle while it is off.
    if setting == "PAGE_CACHE" and enter:
        watch_existing_connections()


# Views.


def page_cache_exempt(view):
    """Mark a view (function, class-based view or its class) as never served from the page cache."""
    view.page_cache_exempt = True
    return view


def _is_exempt(view_func) -> bool:
    return getattr(view_func, "page_cache_exempt", False) or getattr(
        getattr(view_func, "view_class", None), "page_cache_exempt", False
    )


# Keys and entries.


def page_key(request: HttpRequest, *, generation: int) -> str:
    """Return the key of this request's page under generation: everything the page may depend on."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    # The session's user, not request.user: the session is read anyway, the user row need not be. A user whose
    # account changes (deactivated, new password) is a write, so the generation moves on.
    user_id = request.session.get(SESSION_KEY, "") if session_key else ""
    parts = [
        str(generation),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        f"user={user_id}",
        repr(sorted(request.COOKIES.items())),  # the session key and CSRF cookie among them
        getattr(request, "LANGUAGE_CODE", ""),
        *(request.META.get(header, "") for header in _KEY_HEADERS),
        today_in_london().isoformat(),  # pages say "today", "overdue", "in 3 days"
    ]
    return PAGE_KEY_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def today_in_london() -> datetime.date:
    return datetime.datetime.now(LONDON).date()


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _issues_new_csrf_cookie(request: HttpRequest) -> bool:
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    return request.META.get("CSRF_COOKIE") != request.COOKIES.get(settings.CSRF_COOKIE_NAME)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Tell whether a fresh GET response may be served again to the same request: nothing in it is one-off."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "attachment" in response.get("Content-Disposition", "").lower():
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "no-store" in cache_control or "no-cache" in cache_control:  # never_cache: the admin, token pages
        return False
    vary = {header.lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    if not vary <= KEYED_HEADERS:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if _has_messages(request) or _issues_new_csrf_cookie(request):
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):  # a nonce belongs to one response
        return False
    return len(response.content) <= MAX_BYTES


def _entry(request: HttpRequest, response: HttpResponse) -> dict:
    return {
        "status": response.status_code,
        "headers": list(response.headers.items()),
        "content": response.content,
        # Marks that outer middleware reads from the response (csp_update, xframe_options_exempt...).
        "marks": {name: value for name, value in vars(response).items() if name.startswith(RESPONSE_MARKS)},
        "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
    }


def _response(request: HttpRequest, entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    del response["Content-Type"]
    for name, value in entry["headers"]:
        response[name] = value
    for name, value in entry["marks"].items():
        setattr(response, name, value)
    if entry["csrf"] and "CSRF_COOKIE" in request.META:
        get_token(request)  # renew the CSRF cookie's expiry as the render did
    return response


class PageCacheMiddleware:
    """Serve a GET page from the page cache when nothing it shows can have changed; store fresh ones.

    Placed after the session, CSRF, authentication, messages and htmx middleware, so that it sees their
    state (and they still add their headers and cookies to a cached page), and before axes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        state = _RequestState()
        token = _current_request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        if state.key is None or state.hit:
            return response
        if request.method == "GET" and not state.wrote and _storable(request, response):
            try:
                cache.set(state.key, _entry(request, response), timeout=settings.PAGE_CACHE_SECONDS)
            except Exception:  # the page is rendered; the cache being away must not lose it
                logger.warning("Page cache unavailable: a page was not stored", exc_info=True)
        response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        state = _current_request.get()
        if state is None or _is_exempt(view_func) or _has_messages(request):
            return None
        try:
            key = page_key(request, generation=current_generation())
            entry = cache.get(key)
        except Exception:  # a page is rendered rather than refused while the cache is away (writes still fail)
            logger.warning("Page cache unavailable: the page is rendered", exc_info=True)
            return None
        state.key = key
        _thread.generation_read = True
        if entry is None:
            return None
        state.hit = True
        response = _response(request, entry)
        response["X-Page-Cache"] = "hit"
        return response
