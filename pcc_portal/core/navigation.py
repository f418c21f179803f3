"""The main navigation, built from what each app offers the user."""

from django.urls import NoReverseMatch, reverse

from .registry import NavItem, app_configs_with


def nav_for(user, current_path: str = "", *, hook: str = "nav_items") -> list[dict]:
    """Return the navigation links the user may follow, in order."""
    items: list[NavItem] = []
    for config in app_configs_with(hook):
        items.extend(item for item in getattr(config, hook)() if item.visible(user))
    links = []
    for item in sorted(items, key=lambda i: (i.order, i.label)):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        links.append({"label": item.label, "url": url, "active": current_path.startswith(url) and url != "/"})
    return links


def public_links(current_path: str = "") -> list[dict]:
    """Return the links to published information, for visitors."""
    return nav_for(None, current_path, hook="public_links")
