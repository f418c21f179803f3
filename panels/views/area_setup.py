"""A new force area, its panel, its host authority and its first users, set up in the portal by an administrator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pcc_portal.accounts.tasks import send_account_invitation

from .. import services
from ..forms import AreaSetupForm, FirstUserFormSet
from ..permissions import can_set_up_area
from ..selectors import host_authorities_for


@login_required
@require_http_methods(["GET", "POST"])
def area_setup(request: HttpRequest) -> HttpResponse:
    if not can_set_up_area(request.user):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = AreaSetupForm(data, host_authorities=host_authorities_for(request.user))
    people = FirstUserFormSet(data, prefix="people")
    if data is not None and form.is_valid() and people.is_valid():
        cleaned = form.cleaned_data
        try:
            area, invitations = services.area_set_up(
                user=request.user,
                name=cleaned["area_name"],
                code=cleaned["area_code"],
                nation=cleaned["nation"],
                host_authority=cleaned["host_existing"],
                host_name=cleaned["host_name"].strip(),
                host_type=cleaned["host_type"],
                panel_name=cleaned["panel_name"],
                lead_adviser=cleaned["lead_adviser"],
                staff=people.people,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            ids = [invitation.pk for invitation in invitations]
            transaction.on_commit(lambda: [send_account_invitation.delay(pk) for pk in ids])
            names = ", ".join(p["full_name"] for p in people.people)
            messages.success(request, f"{area.name} is set up with its panel. Invitations are on their way to {names}.")
            return redirect(area)
    return render(request, "panels/area_setup.html", {"form": form, "people": people})
