from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Comment, Distribution, Objective, PanelNotice, Plan, PlanVersion, Priority, Section


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = ["number", "label", "status", "consultation_opens", "consultation_closes", "issued_at"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "force_area", "period_start", "period_end", "commissioner", "election_date"]
    list_filter = ["force_area"]
    search_fields = ["title", "commissioner"]
    inlines = [PlanVersionInline]


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["position", "key", "title", "rank", "no_longer_priority", "resources_pence"]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "key", "heading", "statutory_element"]
    show_change_link = True


@admin.register(PlanVersion)
class PlanVersionAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "number", "label", "status", "shared_at", "consultation_closes", "issued_at"]
    list_filter = ["status", "eia_status", "plan__force_area"]
    search_fields = ["plan__title", "label"]
    list_select_related = ["plan", "plan__force_area"]
    raw_id_fields = ["based_on", "created_by"]
    inlines = [SectionInline, PriorityInline]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["heading", "key", "version", "position", "statutory_element"]
    list_filter = ["statutory_element", "version__plan__force_area"]
    search_fields = ["heading", "key", "body"]
    list_select_related = ["version", "version__plan"]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "version", "rank", "no_longer_priority"]
    list_filter = ["no_longer_priority", "version__plan__force_area"]
    search_fields = ["title", "description"]
    list_select_related = ["version", "version__plan"]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["title", "version", "priority", "measure", "target_value", "direction", "by_when"]
    list_filter = ["direction", "version__plan__force_area"]
    search_fields = ["title", "measure", "rationale"]
    list_select_related = ["version", "version__plan", "priority"]


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "version", "author", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "version__plan__force_area"]
    search_fields = ["body", "quote", "author__full_name"]
    list_select_related = ["version", "version__plan", "section", "author"]
    raw_id_fields = ["parent", "author", "resolved_by", "section", "version"]


@admin.register(Distribution)
class DistributionAdmin(SimpleHistoryAdmin):
    list_display = ["version", "organisation", "recipient", "sent_at"]
    list_filter = ["recipient", "version__plan__force_area"]
    search_fields = ["organisation__name"]
    list_select_related = ["version", "version__plan", "organisation"]


@admin.register(PanelNotice)
class PanelNoticeAdmin(admin.ModelAdmin):
    list_display = ["version", "recipient", "sent_at"]
    list_filter = ["version__plan__force_area"]
    search_fields = ["recipient__email", "recipient__full_name"]
    list_select_related = ["version", "version__plan", "recipient"]
