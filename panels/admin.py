from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    AgendaReport,
    Attendance,
    CommissionerResponse,
    Complaint,
    ConfirmationHearing,
    CouncilPartySeats,
    Declaration,
    Meeting,
    Membership,
    Panel,
    PanelReport,
    PreceptYear,
    Recommendation,
    ReportAppendix,
    ReportParagraph,
    VetoVote,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["full_name", "kind", "council", "party", "office", "starts_on", "ends_on", "bar", "user"]
    raw_id_fields = ["council", "user"]


@admin.register(Panel)
class PanelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "force_area", "host_authority", "lead_adviser", "co_opted_seats"]
    search_fields = ["name", "force_area__name", "host_authority__name"]
    list_filter = ["force_area__nation"]
    raw_id_fields = ["host_authority"]
    filter_horizontal = ["secretariat"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "panel", "kind", "council", "party", "office", "starts_on", "ends_on"]
    list_filter = ["kind", "office", "panel"]
    search_fields = ["full_name", "party", "council__name"]
    raw_id_fields = ["council", "user"]


@admin.register(CouncilPartySeats)
class CouncilPartySeatsAdmin(SimpleHistoryAdmin):
    list_display = ["council", "party", "seats"]
    search_fields = ["council__name", "party"]
    list_filter = ["party"]
    raw_id_fields = ["council"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "kind", "is_exempt"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "starts_at", "venue", "papers_published_on", "minutes_status"]
    list_filter = ["kind", "panel", ("papers_published_on", admin.EmptyFieldListFilter)]
    search_fields = ["panel__name", "venue"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "meeting", "kind", "is_exempt", "exempt_paragraph"]
    list_filter = ["kind", "is_exempt"]
    search_fields = ["title", "meeting__panel__name"]
    raw_id_fields = ["meeting"]


class ReportParagraphInline(admin.StackedInline):
    model = ReportParagraph
    extra = 0


@admin.register(AgendaReport)
class AgendaReportAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "report_of", "report_date", "author", "paragraph_numbering", "agenda_item"]
    search_fields = ["subject", "report_of", "author"]
    date_hierarchy = "report_date"
    raw_id_fields = ["agenda_item"]
    inlines = [ReportParagraphInline]


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = ["position", "heading", "label", "parent", "text", "status", "owner", "response_due_on", "is_published"]
    raw_id_fields = ["parent"]


@admin.register(PanelReport)
class PanelReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "panel", "subject", "sent_on", "responses_due_on", "is_published"]
    list_filter = ["subject", "is_published", "panel"]
    search_fields = ["title", "comments"]
    raw_id_fields = ["plan_version", "meeting"]
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["label", "report", "status", "owner", "response_due_on", "is_published"]
    list_filter = ["status", "is_published"]
    search_fields = ["text", "owner", "report__title"]
    raw_id_fields = ["report", "parent"]


@admin.register(PreceptYear)
class PreceptYearAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "panel", "vetoed", "proposed_precept_received_on", "final_precept_issued_on"]
    list_filter = ["vetoed", "year"]
    search_fields = ["panel__name"]


@admin.register(ConfirmationHearing)
class ConfirmationHearingAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "post", "panel", "notified_on", "hearing_on", "reported_on", "vetoed"]
    list_filter = ["post", "vetoed"]
    search_fields = ["candidate", "panel__name"]


@admin.register(VetoVote)
class VetoVoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "panel", "members_in_post", "votes_for_veto"]
    list_filter = ["matter"]
    search_fields = ["panel__name"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["membership", "meeting", "status", "substitute_name"]
    list_filter = ["status"]
    search_fields = ["membership__full_name"]
    raw_id_fields = ["meeting", "membership"]


@admin.register(Declaration)
class DeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["membership", "meeting", "agenda_item"]
    search_fields = ["membership__full_name", "interest"]
    raw_id_fields = ["meeting", "membership", "agenda_item"]


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "panel", "complainant", "status"]
    list_filter = ["status", "panel"]
    search_fields = ["complainant", "summary"]


@admin.register(ReportParagraph)
class ReportParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["position", "report", "section_heading", "heading"]
    search_fields = ["text", "section_heading", "heading", "report__subject"]
    raw_id_fields = ["report"]


@admin.register(ReportAppendix)
class ReportAppendixAdmin(SimpleHistoryAdmin):
    list_display = ["title", "report", "position", "kind", "size", "page_count", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "report__subject"]
    raw_id_fields = ["report", "uploaded_by"]


@admin.register(CommissionerResponse)
class CommissionerResponseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "report", "section_heading", "responded_on", "written_by"]
    search_fields = ["text", "section_heading", "report__title"]
    raw_id_fields = ["report", "written_by"]
    filter_horizontal = ["recommendations"]
