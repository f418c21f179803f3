"""The baseline for pages: a bare Django view that runs one query and renders a small template.

It is never part of the portal's URLconf. ``install()`` adds it at run time,
only in processes started by the bench (``bench/run.py`` and the gunicorn
started by ``bench/load.py`` through ``bench/wsgi.py``).
"""

import functools

from django.http import HttpResponse
from django.template import engines

from pcc_portal.core.pagecache import page_cache_exempt

BARE_PATH = "__bench__/bare/"
BARE_URL = "/" + BARE_PATH

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p>{{ area.name }} ({{ area.code }})</p></main></body></html>"""


@functools.cache
def _template():
    return engines["django"].from_string(_TEMPLATE)  # compiled once, as the cached loader does for pages


@page_cache_exempt  # the baseline is a real render, with or without the page cache
def bare_view(request):
    from pcc_portal.accounts.models import ForceArea

    area = ForceArea.objects.order_by("pk").first()  # one query
    return HttpResponse(_template().render({"title": "Bare view", "area": area}, request))


def install() -> None:
    """Put the bare view in front of the root URLconf of this process only."""
    import importlib

    from django.conf import settings
    from django.urls import clear_url_caches, path

    urlconf = importlib.import_module(settings.ROOT_URLCONF)
    if not any(getattr(p, "name", None) == "bench-bare" for p in urlconf.urlpatterns):
        urlconf.urlpatterns.insert(0, path(BARE_PATH, bare_view, name="bench-bare"))
    clear_url_caches()
