"""Collect the searchable models every app offers through its ``search_sources`` hook."""

from functools import cache

from django.apps import apps

from pcc_portal.core.registry import SearchSource, app_configs_with


@cache
def all_sources() -> dict[tuple[str, str], SearchSource]:
    """Return every source keyed by (app label, model name), in INSTALLED_APPS order."""
    found: dict[tuple[str, str], SearchSource] = {}
    for config in app_configs_with("search_sources"):
        for source in config.search_sources():
            meta = source.model._meta
            found[(meta.app_label, meta.model_name)] = source
    return found


def sections() -> list[tuple[str, str]]:
    """Return (app label, section name) of every app that offers something to search."""
    seen: dict[str, str] = {}
    for app_label, _model in all_sources():
        seen.setdefault(app_label, apps.get_app_config(app_label).verbose_name)
    return list(seen.items())
