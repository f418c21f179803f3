from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Answer, AnswerDelivery, Briefing, Candidate, CandidateEmail, Question


@admin.register(Briefing)
class BriefingAdmin(SimpleHistoryAdmin):
    list_display = ["force_area", "election_date", "published_at", "updated_at"]
    list_filter = ["force_area"]
    search_fields = ["force_area__name", "introduction"]
    date_hierarchy = "election_date"


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "standing_for", "briefing", "status", "confirmed_at", "is_illustrative"]
    list_filter = ["status", "briefing__force_area", "is_illustrative"]
    search_fields = ["name", "email", "party"]
    list_select_related = ["briefing__force_area"]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "briefing", "candidate", "asked_at", "is_illustrative"]
    list_filter = ["briefing__force_area"]
    search_fields = ["text", "candidate__name"]
    list_select_related = ["briefing__force_area", "candidate"]


@admin.register(Answer)
class AnswerAdmin(SimpleHistoryAdmin):
    """Answers are sent the moment they are saved: the admin shows them but never changes them."""

    list_display = ["__str__", "is_correction", "answered_by", "answered_at"]
    search_fields = ["text", "question__text"]
    list_select_related = ["question", "answered_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(AnswerDelivery)
class AnswerDeliveryAdmin(SimpleHistoryAdmin):
    list_display = ["answer", "candidate", "route", "created_at", "sent_at"]
    list_filter = ["route"]
    search_fields = ["candidate__name", "candidate__email"]
    list_select_related = ["answer__question", "candidate"]
    readonly_fields = ["candidate", "answer", "route", "created_at", "sent_at"]


@admin.register(CandidateEmail)
class CandidateEmailAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "kind", "created_at", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["candidate__name", "candidate__email"]
    list_select_related = ["candidate"]
    readonly_fields = ["candidate", "kind", "created_at", "sent_at"]
