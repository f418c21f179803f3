from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pcc_portal.core.admin_list import PlannedChangeListMixin
from pcc_portal.core.paginators import CappedCountPaginator

from .models import CalendarFeed, Reminder, ReminderPreference


@admin.register(Reminder)
class ReminderAdmin(PlannedChangeListMixin, admin.ModelAdmin):
    """The ledger is written by the sweep only: read it here, never edit it."""

    list_display = ["title", "recipient", "lead", "status", "delivery", "due", "send_at", "sent_at", "attempts"]
    list_filter = ["status", "delivery"]
    search_fields = ["title", "deadline_key", "kind", "recipient__email", "recipient__full_name"]
    list_select_related = ["recipient"]
    # The ledger grows by tens of thousands of rows a day: newest first along the index, no full count.
    ordering = ["-send_at"]
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50  # nine columns, three of them dates: a page of 100 took twice as long to draw
    readonly_fields = [f.name for f in Reminder._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # A deleted row would be scheduled and sent again by the next sweep: the ledger is the proof of sending.
        return False


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(SimpleHistoryAdmin):
    list_display = ["user", "delivery", "muted_kinds", "updated_at"]
    list_filter = ["delivery"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(SimpleHistoryAdmin):
    list_display = ["user", "created_at", "revoked_at", "last_fetched_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "created_at", "last_fetched_at"]
    exclude = ["token"]  # a secret: the owner sees it on their settings page

    def has_add_permission(self, request) -> bool:
        return False
