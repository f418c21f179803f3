from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.accounts.models import ForceArea
from pcc_portal.accounts.selectors import force_areas_listed_for
from pcc_portal.notifications.forms import notification_preference_form_for

from . import selectors
from .feeds import build_calendar
from .forms import ReminderPreferenceForm, WhatsDueFilterForm
from .models import ReminderPreference
from .permissions import can_manage_reminders, can_view_whats_due
from .selectors import (
    active_calendar_feed_of,
    calendar_events_for,
    calendar_feed_by_token,
    deadline_kinds_for,
    deadlines_for,
    public_calendar_events,
    reminder_preference_of,
)
from .services import calendar_feed_create, calendar_feed_revoke, calendar_feed_touch, reminder_preference_update

FEED_PAST = timedelta(days=90)
FEED_AHEAD = timedelta(days=400)


@login_required
@require_GET
def whats_due(request: HttpRequest) -> HttpResponse:
    """List the user's overdue deadlines, those due this week, in the next 30 days and coming up in 90."""
    if not can_view_whats_due(request.user):
        raise PermissionDenied
    now = timezone.now()
    areas = [(area.pk, area.name) for area in force_areas_listed_for(request.user)]  # with the user's area ids
    area_names = dict(areas)
    # Every app is asked once, for the kind asked for (the filter's choices still name every kind); an area
    # narrows what was gathered.
    asked = request.GET.get("kind", "")
    due = selectors.whats_due(request.user, now=now, kind=asked, area_names=area_names)
    form = WhatsDueFilterForm(request.GET or None, kinds=due.kinds, areas=areas)
    kind, area_id = "", None
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        area_id = int(form.cleaned_data["area"]) if form.cleaned_data["area"] else None
    if kind != asked:  # the filter is not valid: everything is listed
        due = selectors.whats_due(request.user, now=now, kind=kind, area_names=area_names)
    if area_id:
        due = due.narrowed(area_id=area_id)
    context = {"due": due, "form": form, "filtered": bool(kind or area_id), "now": now}
    return render(request, "deadlines/whats_due_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """Choose single emails or a digest, kinds to leave out; notifications (posted to their own view); the calendar."""
    if not can_manage_reminders(request.user):
        raise PermissionDenied
    preference = reminder_preference_of(request.user)
    kinds = deadline_kinds_for(request.user, now=timezone.now(), preference=preference)
    initial = {
        "delivery": preference.delivery if preference else ReminderPreference.Delivery.EACH,
        "muted_kinds": preference.muted_kinds if preference else [],
    }
    form = ReminderPreferenceForm(request.POST or None, initial=initial, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            reminder_preference_update(
                user=request.user,
                delivery=form.cleaned_data["delivery"],
                muted_kinds=form.cleaned_data["muted_kinds"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your reminder settings are saved.")
            return redirect("deadlines:settings")
    feed = active_calendar_feed_of(request.user)
    feed_url = request.build_absolute_uri(feed.get_absolute_url()) if feed else ""
    context = {
        "form": form,
        "feed": feed,
        "feed_url": feed_url,
        "has_kinds": bool(kinds),
        "notification_form": notification_preference_form_for(request.user),
    }
    return render(request, "deadlines/reminder_settings.html", context)


@login_required
@require_POST
def calendar_feed_new(request: HttpRequest) -> HttpResponse:
    """Make a new private calendar address (the old one stops working)."""
    if not can_manage_reminders(request.user):
        raise PermissionDenied
    had_one = active_calendar_feed_of(request.user) is not None
    calendar_feed_create(user=request.user)
    if had_one:
        messages.success(request, "You have a new calendar address. The old one no longer works.")
    else:
        messages.success(request, "Your private calendar address is ready.")
    return redirect("deadlines:settings")


@login_required
@require_POST
def calendar_feed_stop(request: HttpRequest) -> HttpResponse:
    """Revoke the private calendar address."""
    if not can_manage_reminders(request.user):
        raise PermissionDenied
    if calendar_feed_revoke(user=request.user):
        messages.success(request, "Your calendar address no longer works.")
    return redirect("deadlines:settings")


def _ics_response(content: bytes, *, filename: str, private: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def user_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Serve a user's private calendar: their deadlines and meetings. An unknown or revoked token is a 404."""
    feed = calendar_feed_by_token(token)
    if feed is None:
        raise Http404
    calendar_feed_touch(feed=feed)
    user = feed.user
    now = timezone.now()
    content = build_calendar(
        name="My deadlines and meetings (PCC Portal)",
        deadlines=deadlines_for(user, start=now - FEED_PAST, end=now + FEED_AHEAD),
        events=calendar_events_for(user, start=now - FEED_PAST, end=now + FEED_AHEAD),
        now=now,
    )
    return _ics_response(content, filename="pcc-portal-deadlines.ics", private=True)


@require_GET
def public_meetings_feed(request: HttpRequest) -> HttpResponse:
    """Serve the public calendar of panel meetings, optionally of one force area (?area=code)."""
    area = None
    if code := request.GET.get("area"):
        area = ForceArea.objects.filter(code=code).first()
        if area is None:
            raise Http404
    now = timezone.now()
    events = public_calendar_events(start=now - FEED_PAST, end=now + FEED_AHEAD, area_id=area.pk if area else None)
    name = f"Police and Crime Panel meetings – {area.name}" if area else "Police and Crime Panel meetings"
    return _ics_response(
        build_calendar(name=name, events=events, now=now), filename="panel-meetings.ics", private=False
    )
