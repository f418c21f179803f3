from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("", views.whats_due, name="whats_due"),
    path("settings/", views.reminder_settings, name="settings"),
    path("settings/calendar/new/", views.calendar_feed_new, name="calendar_feed_new"),
    path("settings/calendar/revoke/", views.calendar_feed_stop, name="calendar_feed_revoke"),
    path("calendar/<str:token>.ics", views.user_feed, name="user_feed"),
    path("meetings.ics", views.public_meetings_feed, name="public_feed"),
]
