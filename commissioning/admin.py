from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Allocation,
    AllocationLine,
    Application,
    ApplicationAttachment,
    ApplicationReceipt,
    Assignment,
    Criterion,
    Decision,
    Funder,
    FundingStream,
    Grant,
    Instalment,
    MonitoringReturn,
    PrioritySpendEntry,
    Question,
    Round,
    Score,
    StreamSpendEntry,
    Variation,
)


@admin.register(Funder)
class FunderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "force_area", "org_id", "prefix_360g"]
    search_fields = ["name", "org_id"]


@admin.register(FundingStream)
class FundingStreamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "financial_year", "force_area", "budget_pence"]
    list_filter = ["force_area", "financial_year"]
    search_fields = ["name"]


class AllocationLineInline(admin.TabularInline):
    model = AllocationLine
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Allocation)
class AllocationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "stream", "total_pence", "floor_pence", "status", "locked_at"]
    list_filter = ["status", "stream__force_area"]
    search_fields = ["title"]
    inlines = [AllocationLineInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "stream", "opens_at", "closes_at"]
    list_filter = ["stream__force_area"]
    search_fields = ["title"]
    inlines = [QuestionInline, CriterionInline]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    raw_id_fields = ["assessor"]


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "reference", "organisation", "round", "status", "amount_requested_pence", "submitted_at"]
    list_filter = ["status", "round__stream__force_area"]
    search_fields = ["title", "reference", "organisation__name"]
    raw_id_fields = ["organisation", "round", "submitted_by"]
    inlines = [AssignmentInline]


@admin.register(ApplicationAttachment)
class ApplicationAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "application", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "application__title", "application__reference"]
    raw_id_fields = ["application", "uploaded_by"]


@admin.register(ApplicationReceipt)
class ApplicationReceiptAdmin(admin.ModelAdmin):
    list_display = ["application", "email", "sent_at"]
    search_fields = ["email", "application__reference"]
    raw_id_fields = ["application"]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    list_display = ["assignment", "criterion", "score"]
    raw_id_fields = ["assignment"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "application", "outcome", "amount_pence", "decided_at", "is_published"]
    list_filter = ["outcome", "is_published"]
    search_fields = ["reference", "application__title"]
    raw_id_fields = ["application"]


class InstalmentInline(admin.TabularInline):
    model = Instalment
    extra = 0


class ReturnInline(admin.TabularInline):
    model = MonitoringReturn
    extra = 0
    fields = ["period_start", "period_end", "due_date", "status"]


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "recipient",
        "amount_pence",
        "start_date",
        "end_date",
        "status",
        "is_published",
    ]
    list_filter = ["status", "is_published", "force_area"]
    search_fields = ["reference", "title", "recipient__name"]
    raw_id_fields = ["recipient", "application"]
    inlines = [InstalmentInline, ReturnInline]


@admin.register(MonitoringReturn)
class MonitoringReturnAdmin(SimpleHistoryAdmin):
    list_display = ["grant", "period_start", "period_end", "due_date", "status", "submitted_at"]
    list_filter = ["status", "grant__force_area"]
    search_fields = ["grant__reference", "grant__title"]
    raw_id_fields = ["grant"]


@admin.register(Variation)
class VariationAdmin(SimpleHistoryAdmin):
    list_display = ["grant", "agreed_on", "amount_change_pence", "new_end_date"]
    search_fields = ["grant__reference"]
    raw_id_fields = ["grant"]


@admin.register(AllocationLine)
class AllocationLineAdmin(SimpleHistoryAdmin):
    list_display = ["allocation", "organisation", "population", "weight", "amount_pence"]
    list_filter = ["allocation__stream__force_area"]
    search_fields = ["organisation__name", "allocation__title"]
    raw_id_fields = ["organisation", "allocation"]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "round", "position"]
    search_fields = ["text", "round__title"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "round", "max_score", "position"]
    search_fields = ["title", "round__title"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["application", "assessor", "has_conflict", "conflict_declared_at", "completed_at"]
    list_filter = ["has_conflict"]
    search_fields = ["application__title", "assessor__full_name"]
    raw_id_fields = ["application", "assessor"]


@admin.register(Instalment)
class InstalmentAdmin(SimpleHistoryAdmin):
    list_display = ["grant", "due_date", "amount_pence", "paid_on"]
    list_filter = ["grant__force_area"]
    search_fields = ["grant__reference"]
    raw_id_fields = ["grant"]


class SpendEntryAdmin(admin.ModelAdmin):
    """Derived data, kept by the database's triggers and rebuilt by `manage.py rebuild_spend_totals`: read only.

    No change history: the grants' own history records every change the entries follow.
    """

    list_filter = ["force_area"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StreamSpendEntry)
class StreamSpendEntryAdmin(SpendEntryAdmin):
    list_display = ["force_area", "stream", "org_type", "total_pence", "grant_count"]
    list_select_related = ["force_area", "stream"]
    search_fields = ["force_area__name", "stream__name", "org_type"]


@admin.register(PrioritySpendEntry)
class PrioritySpendEntryAdmin(SpendEntryAdmin):
    list_display = ["force_area", "priority", "total_pence", "grant_count"]
    list_select_related = ["force_area", "priority"]
    search_fields = ["force_area__name", "priority__title"]
