"""Helpers shared by the panel views."""

from django.core.exceptions import ValidationError
from django.http import Http404

from .. import selectors
from ..permissions import (
    can_manage_panel,
)


def panel_for(user, pk: int):
    """Return the panel if the user may see it; another area's panel does not exist for them."""
    panel = selectors.panel_visible_to(user, pk)
    if panel is None:
        raise Http404("No Panel matches the given query.")
    return panel


def managed_panel_for(user, pk: int):
    """Return the panel if the user runs its business (its secretariat), else 404."""
    panel = panel_for(user, pk)
    if not can_manage_panel(user, panel):
        raise Http404
    return panel


def error_messages(error: ValidationError) -> list[str]:
    """Return a service's validation error as sentences for the form or the message bar."""
    if hasattr(error, "message_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)
