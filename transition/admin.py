from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Decision,
    EscalationNotice,
    Milestone,
    Risk,
    TransferEvidence,
    TransferItem,
    TransferItemStatusChange,
    TransitionProgramme,
    Workstream,
    WorkstreamStatusChange,
)


class WorkstreamInline(admin.TabularInline):
    model = Workstream
    extra = 0
    fields = ["order", "key", "name", "lead", "rag"]
    autocomplete_fields = ["lead"]


@admin.register(TransitionProgramme)
class TransitionProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "force_area", "kind", "successor_name", "transfer_date", "status", "is_published"]
    list_filter = ["kind", "status", "is_published", "force_area"]
    search_fields = ["name", "outgoing_body", "successor_name"]
    autocomplete_fields = ["lead"]
    raw_id_fields = ["board"]
    inlines = [WorkstreamInline]


@admin.register(Workstream)
class WorkstreamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "rag", "lead", "order"]
    list_filter = ["rag", "programme__force_area"]
    search_fields = ["name", "key", "programme__name"]
    autocomplete_fields = ["lead"]


@admin.register(WorkstreamStatusChange)
class WorkstreamStatusChangeAdmin(SimpleHistoryAdmin):
    list_display = ["workstream", "from_rag", "to_rag", "changed_by", "changed_at"]
    list_filter = ["to_rag"]
    search_fields = ["workstream__name", "reason"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "due_on", "statutory_key", "is_done", "owner"]
    list_filter = ["is_done", "programme__force_area"]
    search_fields = ["title", "programme__name"]
    autocomplete_fields = ["owner"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "kind", "likelihood", "impact", "status", "next_review_on", "owner"]
    list_filter = ["kind", "status", "programme__force_area"]
    search_fields = ["title", "cause", "effect", "programme__name"]
    autocomplete_fields = ["owner"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "decided_by", "decided_on"]
    list_filter = ["programme__force_area"]
    search_fields = ["title", "decision", "decided_by"]
    raw_id_fields = ["meeting"]


class EvidenceInline(admin.TabularInline):
    model = TransferEvidence
    extra = 0
    fields = ["title", "file", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
    raw_id_fields = ["uploaded_by"]


@admin.register(TransferItem)
class TransferItemAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "programme",
        "kind",
        "receiver_kind",
        "status",
        "due_on",
        "day_one_critical",
        "source_live",
    ]
    list_filter = ["kind", "status", "receiver_kind", "day_one_critical", "source_live", "programme__force_area"]
    search_fields = ["title", "source_key", "programme__name"]
    raw_id_fields = ["counterparty", "receiver_organisation", "owner", "accepted_by", "workstream"]
    inlines = [EvidenceInline]


@admin.register(TransferEvidence)
class TransferEvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "item", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "item__title"]
    raw_id_fields = ["item", "uploaded_by"]


@admin.register(EscalationNotice)
class EscalationNoticeAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "key", "recipient", "item_count", "sent_at"]
    search_fields = ["programme__name", "key", "recipient__email"]


@admin.register(TransferItemStatusChange)
class TransferItemStatusChangeAdmin(SimpleHistoryAdmin):
    list_display = ["item", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["item__title", "note"]
    raw_id_fields = ["item", "changed_by"]
    list_select_related = ["item", "changed_by"]
