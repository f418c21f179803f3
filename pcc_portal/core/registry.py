"""Extension points through which each app plugs into the shared pages.

An app's AppConfig may define any of:

- ``nav_items(self) -> list[NavItem]``: links in the main navigation;
- ``dashboard_panels(self, user) -> list[DashboardPanel]``: boxes on the
  dashboard ("what needs my attention");
- ``load_demo(self, *, stdout) -> None``: demo content, run by ``load_demo``
  in INSTALLED_APPS order (so partners loads before plans);
- ``public_links(self) -> list[NavItem]``: published information anyone may
  read (shown on the front page and in the navigation for visitors);
- ``search_sources(self) -> list[SearchSource]``: the app's searchable
  models, each with the app's own visibility selector (site search);
- ``signed_in_user_annotations(self) -> dict[str, Expression]``: values
  every signed-in page reads (the unread count in the header), as
  expressions on the user's row: read with the user in one query
  (accounts.selectors.user_for_request) and carried as its attributes;
- ``area_imported(self, *, area, objects, replaced) -> None``: called in
  the transaction of an area's import (pcc_portal/archive), with the
  imported rows as {model: [ids]}, to update what the app derives from them.

Adding a feature therefore touches only the app that owns it.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import AppConfig, apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100


@dataclass(frozen=True)
class DashboardPanel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def app_configs_with(hook: str) -> Iterator[AppConfig]:
    """Yield the installed app configs that implement the hook, in order."""
    for config in apps.get_app_configs():
        if callable(getattr(config, hook, None)):
            yield config


@dataclass(frozen=True)
class SearchDocument:
    """One searchable object as an app hands it to site search (``search_sources`` hook)."""

    object_id: int
    title: str
    body: str
    url: str
    kind: str
    force_area_id: int | None = None
    date: Any = None


@dataclass(frozen=True)
class SearchSource:
    """A model an app offers to site search.

    ``documents(queryset)`` turns rows of ``queryset()`` into SearchDocuments;
    ``visible(user)`` returns, unevaluated, the app's own selector of the rows
    the user may open on their usual page; ``published()`` (optional) returns
    the rows anyone may read on the public page named ``public_url`` (a URL
    name taking ``pk``), for those who cannot open the usual one. Search
    narrows and combines these querysets into one query, so a selector here
    must stay lazy (no evaluation while building it). ``parents`` maps a
    dependent model (e.g. a report's paragraphs) to the attribute holding the
    indexed object's id (or a function of the saved object returning ids), so
    that saving one refreshes the entries.
    """

    model: type
    queryset: Callable[[], Any]
    documents: Callable[[Any], Iterator[SearchDocument]]
    visible: Callable[[Any], Any]
    parents: dict = field(default_factory=dict)
    published: Callable[[], Any] | None = None
    public_url: str = ""
