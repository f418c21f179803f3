"""Refuse requests that carry a NUL character before any view sees them."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader

NUL = "\x00"


def has_nul(request: HttpRequest) -> bool:
    """Tell whether the path, a query string or a form field (name or value) holds a NUL.

    PostgreSQL cannot store or compare text with NUL in it (a DataError, a 500),
    and no person types one: such a request is malformed, whatever the view.
    Uploaded files are not looked at; binary content may hold NULs.
    """
    if NUL in request.path:
        return True
    params = [request.GET]
    if request.method == "POST":
        params.append(request.POST)
    return any(NUL in key or any(NUL in value for value in values) for query in params for key, values in query.lists())


class RejectNulMiddleware:
    """Answer 400 Bad Request to input with a NUL character, on every page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            body = loader.render_to_string("400.html", request=request)
            return HttpResponseBadRequest(body)
        return self.get_response(request)
