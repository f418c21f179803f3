from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Action,
    AnalystNote,
    Answer,
    Attendee,
    Consultation,
    ConsultationDocument,
    ConsultationEvent,
    FeedbackDelivery,
    Finding,
    Outcome,
    Question,
    ReceiptDelivery,
    Redaction,
    Response,
    ResponseTag,
    Session,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "group", "key", "position"]
    list_filter = ["group"]
    search_fields = ["name", "group", "key"]
    prepopulated_fields = {"key": ["name"]}


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0
    fields = ["title", "force_area", "kind", "audience", "held_on", "facilitator", "position"]


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["responsible", "heading", "text", "owner", "status", "position"]


@admin.register(ConsultationEvent)
class ConsultationEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "parent", "starts_on", "ends_on", "organiser"]
    list_filter = ["force_areas", "starts_on"]
    search_fields = ["title", "organiser", "purpose"]
    filter_horizontal = ["force_areas"]
    raw_id_fields = ["parent", "created_by"]
    date_hierarchy = "starts_on"
    inlines = [SessionInline, ActionInline]


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    raw_id_fields = ["organisation", "contact"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "event", "force_area", "kind", "audience", "held_on"]
    list_filter = ["kind", "audience", "force_area"]
    search_fields = ["title", "event__title", "facilitator"]
    list_select_related = ["event", "force_area"]
    inlines = [AttendeeInline]


@admin.register(Attendee)
class AttendeeAdmin(SimpleHistoryAdmin):
    list_display = ["display_name", "organisation", "session", "seniority", "attended"]
    list_filter = ["seniority", "attended"]
    search_fields = ["name", "contact__full_name", "organisation__name"]
    raw_id_fields = ["session", "organisation", "contact"]
    list_select_related = ["organisation", "session", "contact"]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "event", "theme", "session", "position"]
    list_filter = ["theme", "event"]
    search_fields = ["text"]
    raw_id_fields = ["event", "session"]
    filter_horizontal = ["areas"]
    list_select_related = ["event", "theme", "session"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "event", "responsible", "owner", "status"]
    list_filter = ["responsible", "status"]
    search_fields = ["text", "owner", "heading"]
    raw_id_fields = ["event"]
    list_select_related = ["event"]


@admin.register(FeedbackDelivery)
class FeedbackDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "email", "sent_at"]
    search_fields = ["email", "event__title"]
    raw_id_fields = ["event"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "kind", "choices", "required"]


class DocumentInline(admin.TabularInline):
    model = ConsultationDocument
    extra = 0
    fields = ["title", "file", "size"]
    readonly_fields = ["size"]


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "force_area", "audience", "status", "opens_at", "closes_at", "outcomes_published_at"]
    list_filter = ["status", "audience", "subject", "force_area"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["invited_organisations"]
    raw_id_fields = ["plan_version", "created_by"]
    date_hierarchy = "closes_at"
    list_select_related = ["force_area"]
    inlines = [QuestionInline, DocumentInline]


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Response)
class ResponseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "consultation", "organisation", "respondent_name", "status", "submitted_at"]
    list_filter = ["status", "publication_consent", "consultation__force_area"]
    search_fields = [
        "reference",
        "respondent_name",
        "respondent_organisation",
        "respondent_email",
        "organisation__name",
    ]
    raw_id_fields = ["consultation", "organisation", "submitted_by"]
    list_select_related = ["consultation", "organisation"]
    inlines = [AnswerInline]


@admin.register(ResponseTag)
class ResponseTagAdmin(SimpleHistoryAdmin):
    list_display = ["theme", "response", "excerpt", "created_by", "created_at"]
    list_filter = ["theme"]
    search_fields = ["excerpt", "response__reference"]
    raw_id_fields = ["response", "answer", "created_by"]
    list_select_related = ["theme", "response"]


@admin.register(AnalystNote)
class AnalystNoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "response", "author", "created_at"]
    search_fields = ["text", "response__reference"]
    raw_id_fields = ["response", "author"]


@admin.register(Redaction)
class RedactionAdmin(SimpleHistoryAdmin):
    list_display = ["response", "reason", "created_by", "created_at"]
    search_fields = ["reason", "phrase", "response__reference"]
    raw_id_fields = ["response", "answer", "created_by"]


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "consultation", "changed_plan_version", "position"]
    list_filter = ["themes"]
    search_fields = ["you_said", "we_did"]
    raw_id_fields = ["consultation", "changed_plan_version"]
    filter_horizontal = ["themes"]


@admin.register(ReceiptDelivery)
class ReceiptDeliveryAdmin(admin.ModelAdmin):
    list_display = ["response", "kind", "email", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["email", "response__reference"]
    raw_id_fields = ["response"]
