"""Extension points through which each app plugs into the shared pages.

An app's AppConfig may define any of:

- ``nav_items(self) -> list[NavItem]``: links in the main navigation;
- ``dashboard_panels(self, user) -> list[DashboardPanel]``: boxes on the
  dashboard ("what needs my attention");
- ``load_demo(self, *, stdout) -> None``: demo content, run by ``load_demo``
  in INSTALLED_APPS order (so partners loads before plans);
- ``public_links(self) -> list[NavItem]``: published information anyone may
  read (shown on the front page and in the navigation for visitors).

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
