from django.conf import settings

from .navigation import nav_for


def portal(request) -> dict:
    """Add the site name and the user's navigation to every page."""
    user = getattr(request, "user", None)
    return {
        "portal_name": "PCC Partnership Portal",
        "nav_links": nav_for(user, request.path) if user is not None and user.is_authenticated else [],
        "debug": settings.DEBUG,
    }
