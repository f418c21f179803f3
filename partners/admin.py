from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Bulletin,
    BulletinArticle,
    BulletinDelivery,
    BulletinEvent,
    BulletinSection,
    Contact,
    Engagement,
    FollowUpAction,
    Organisation,
    OrganisationDuty,
    Partnership,
    PartnershipMember,
)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["full_name", "job_title", "seniority", "email", "bulletin_consent", "user", "is_active"]
    raw_id_fields = ["user"]


class DutyInline(admin.TabularInline):
    model = OrganisationDuty
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "org_type", "partnership_area", "population", "org_id", "is_active"]
    list_filter = ["org_type", "partnership_area", "force_areas", "is_active"]
    search_fields = ["name", "org_id"]
    filter_horizontal = ["force_areas", "covers"]
    raw_id_fields = ["parent"]
    inlines = [DutyInline, ContactInline]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "organisation", "job_title", "seniority", "email", "bulletin_consent"]
    list_filter = ["seniority", "bulletin_consent", "organisation__partnership_area"]
    search_fields = ["full_name", "email", "organisation__name", "job_title"]
    raw_id_fields = ["organisation", "user"]
    list_select_related = ["organisation"]


@admin.register(OrganisationDuty)
class OrganisationDutyAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "duty"]
    list_filter = ["duty"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]


class PartnershipMemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 0
    raw_id_fields = ["organisation", "representative"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "force_area", "kind", "parent", "governance", "terms_agreed_on", "next_review_on"]
    list_filter = ["force_area", "kind", "governance", "meeting_cadence", "is_active"]
    search_fields = ["name"]
    raw_id_fields = ["parent"]
    list_select_related = ["force_area", "parent"]
    inlines = [PartnershipMemberInline]


@admin.register(PartnershipMember)
class PartnershipMemberAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "organisation", "representative", "role"]
    list_filter = ["role", "partnership__force_area"]
    search_fields = ["partnership__name", "organisation__name", "representative__full_name"]
    raw_id_fields = ["partnership", "organisation", "representative"]
    list_select_related = ["partnership", "organisation", "representative"]


class FollowUpActionInline(admin.TabularInline):
    model = FollowUpAction
    extra = 0
    raw_id_fields = ["owner_user"]


@admin.register(Engagement)
class EngagementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "force_area", "kind", "held_on"]
    list_filter = ["force_area", "kind", "held_on"]
    search_fields = ["title", "organisations__name", "issues_raised"]
    date_hierarchy = "held_on"
    filter_horizontal = ["organisations"]
    raw_id_fields = ["partnership", "partner_attendees", "created_by"]
    list_select_related = ["force_area"]
    inlines = [FollowUpActionInline]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(SimpleHistoryAdmin):
    list_display = ["description", "engagement", "owner", "due_on", "status"]
    list_filter = ["status", "engagement__force_area"]
    search_fields = ["description", "owner", "engagement__title"]
    date_hierarchy = "due_on"
    raw_id_fields = ["engagement", "owner_user"]
    list_select_related = ["engagement"]


class BulletinSectionInline(admin.TabularInline):
    model = BulletinSection
    extra = 0
    fields = ["position", "kind", "heading", "page_break_before"]


class BulletinArticleInline(admin.StackedInline):
    model = BulletinArticle
    extra = 0
    raw_id_fields = ["author_organisation", "section"]


class BulletinEventInline(admin.StackedInline):
    model = BulletinEvent
    extra = 0


@admin.register(Bulletin)
class BulletinAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "publisher",
        "number",
        "issue_label",
        "issue_date",
        "status",
        "force_area",
        "published_at",
    ]
    list_filter = ["status", "publisher", "force_area"]
    search_fields = ["series_title", "issue_label", "date_label", "publisher__name", "introduction"]
    date_hierarchy = "issue_date"
    raw_id_fields = ["publisher"]
    filter_horizontal = ["audience"]
    readonly_fields = ["status", "published_at"]
    list_select_related = ["publisher", "force_area"]
    inlines = [BulletinSectionInline, BulletinArticleInline, BulletinEventInline]


@admin.register(BulletinSection)
class BulletinSectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "bulletin", "position", "kind", "page_break_before"]
    list_filter = ["kind"]
    search_fields = ["heading", "body", "bulletin__series_title", "bulletin__issue_label"]
    raw_id_fields = ["bulletin"]
    list_select_related = ["bulletin", "bulletin__publisher"]


@admin.register(BulletinDelivery)
class BulletinDeliveryAdmin(admin.ModelAdmin):
    """The delivery ledger: read only, it is the proof of who was emailed."""

    list_display = ["bulletin", "email", "status", "attempts", "sent_at"]
    list_filter = ["status", "bulletin"]
    search_fields = ["email", "contact__full_name"]
    list_select_related = ["bulletin", "bulletin__publisher"]
    readonly_fields = ["bulletin", "contact", "email", "status", "attempts", "error", "sent_at", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
