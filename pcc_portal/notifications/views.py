from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import notification_preference_form_for
from .permissions import can_use_notifications
from .registry import notification_kinds
from .selectors import notifications_for
from .services import notification_mark_read, notification_preferences_update, notifications_mark_all_read

PER_PAGE = 25


def _require_user(request: HttpRequest) -> None:
    if not can_use_notifications(request.user):
        raise PermissionDenied


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; unread ones marked "New"."""
    _require_user(request)
    unread_only = request.GET.get("show") == "unread"
    page = Paginator(notifications_for(request.user, unread_only=unread_only), PER_PAGE).get_page(
        request.GET.get("page")
    )
    labels = {kind.code: kind.label for kind in notification_kinds()}
    for notification in page:
        notification.kind_label = labels.get(notification.kind, "")
    return render(request, "notifications/notification_list.html", {"page_obj": page, "unread_only": unread_only})


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go to what it is about."""
    _require_user(request)
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notification_mark_read(user=request.user, notification=notification)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    _require_user(request)
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notification_mark_read(user=request.user, notification=notification)
    messages.success(request, f"Marked as read: {notification.title}")
    return redirect(_back(request))


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    _require_user(request)
    count = notifications_mark_all_read(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    url = reverse("notifications:list")
    return url + "?show=unread" if request.POST.get("show") == "unread" else url


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """Choose per kind: email at once, daily digest, list only, or off. Also shown on the reminder settings page."""
    _require_user(request)
    form = notification_preference_form_for(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notification_preferences_update(user=request.user, choices=form.choices())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your notification settings are saved.")
            return redirect(reverse("deadlines:settings") + "#notifications-heading")
    return render(request, "notifications/preferences.html", {"notification_form": form})
