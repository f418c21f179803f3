from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Plan, PlanVersion, Priority


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = ["number", "label", "status", "consultation_opens", "consultation_closes", "issued_at"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "force_area", "period_start", "period_end", "commissioner"]
    list_filter = ["force_area"]
    search_fields = ["title", "commissioner"]
    inlines = [PlanVersionInline]


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


@admin.register(PlanVersion)
class PlanVersionAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "number", "label", "status", "consultation_closes", "issued_at"]
    list_filter = ["status", "plan__force_area"]
    search_fields = ["plan__title", "label"]
    list_select_related = ["plan", "plan__force_area"]
    inlines = [PriorityInline]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "version", "rank", "no_longer_priority"]
    list_filter = ["no_longer_priority", "version__plan__force_area"]
    search_fields = ["title", "description"]
    list_select_related = ["version", "version__plan"]
