"""The API's pages: its documentation, and the settings page where staff make and revoke tokens."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors_tokens, services
from .api import api
from .forms import TokenForm
from .permissions import can_hold_tokens, can_revoke_token

MAX_LIVE_TOKENS = 10


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    """List every operation of the OpenAPI schema, rendered on the server (no script, no CDN)."""
    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": parameters,
                    "anchor": operation.get("operationId", ""),
                }
            )
    context = {"info": schema["info"], "operations": operations, "can_hold_tokens": can_hold_tokens(request.user)}
    return render(request, "api/docs.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    if not can_hold_tokens(request.user):
        raise PermissionDenied
    new_secret = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if selectors_tokens.live_tokens_of(request.user).count() >= MAX_LIVE_TOKENS:
            form.add_error(None, f"You have {MAX_LIVE_TOKENS} tokens; revoke one before making another.")
        else:
            _token, new_secret = services.create_token(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
    context = {"form": form, "tokens": selectors_tokens.tokens_of(request.user), "new_secret": new_secret}
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(selectors_tokens.tokens_of(request.user), pk=pk)
    if not can_revoke_token(request.user, token):
        raise Http404
    services.revoke_token(token=token)
    return redirect("api:tokens")
