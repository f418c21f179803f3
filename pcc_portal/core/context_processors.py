from django.conf import settings

from .navigation import nav_for, public_links


def portal(request) -> dict:
    """Add the site name and the user's navigation to every page."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "portal_name": "PCC Partnership Portal",
        "nav_links": nav_for(user, request.path) if signed_in else [],
        "public_links": [] if signed_in else public_links(request.path),
        "debug": settings.DEBUG,
    }
