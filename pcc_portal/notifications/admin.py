from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Notification, NotificationDigest, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Written by the notification tasks only: read it here, never edit it."""

    list_display = ["title", "recipient", "kind", "created_at", "read_at", "email", "emailed_at"]
    list_filter = ["kind", "email", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "key", "recipient__email", "recipient__full_name"]
    list_select_related = ["recipient"]
    ordering = ["-created_at"]
    show_full_result_count = False
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "delivery", "updated_at"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__email", "user__full_name", "kind"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(NotificationDigest)
class NotificationDigestAdmin(admin.ModelAdmin):
    list_display = ["recipient", "day", "lines", "sent_at"]
    list_filter = ["day"]
    search_fields = ["recipient__email", "recipient__full_name"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in NotificationDigest._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
