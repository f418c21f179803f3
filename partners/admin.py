from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Contact, Organisation, OrganisationDuty


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
