"""One confirmation step before an action that cannot be undone (publish, email, submit, issue).

A view that acts accepts GET and POST: GET, or a POST without ``confirmed=1``
(the old one-click buttons), shows what will happen and a button that posts
again with ``confirmed=1``. It works without JavaScript.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says: the action, what follows from it, and where to go back to."""

    title: str
    button: str
    cancel_url: str
    consequences: list[str] = field(default_factory=list)
    preview_template: str = ""
    preview_context: dict = field(default_factory=dict)
    preview_heading: str = "Preview"


def is_confirmed(request: HttpRequest) -> bool:
    """Return whether the request is the confirmation page's own POST."""
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def confirmation_page(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    """Show what the action will do, with a button that posts back here to do it."""
    return render(request, "core/confirm.html", {"confirmation": confirmation, "action_url": request.path})
