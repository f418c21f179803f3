from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Contract,
    Decision,
    Gift,
    InspectionReport,
    Interest,
    PublicationEntry,
    SpendItem,
    SpendUpload,
)

# Links are typed without a scheme at times; assume https, as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "force_area", "decided_on", "decision_maker", "is_published"]
    list_filter = ["force_area", "is_published", "is_illustrative"]
    search_fields = ["reference", "title", "decision_maker"]
    date_hierarchy = "decided_on"


@admin.register(Interest)
class InterestAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "position", "category", "force_area", "declared_on", "is_published"]
    list_filter = ["force_area", "position", "is_published"]
    search_fields = ["person_name", "category", "description"]


@admin.register(Gift)
class GiftAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "description", "offered_by", "offered_on", "estimated_value", "outcome"]
    list_filter = ["force_area", "outcome", "kind", "position"]
    search_fields = ["person_name", "description", "offered_by"]


class SpendItemInline(admin.TabularInline):
    model = SpendItem
    extra = 0


@admin.register(SpendUpload)
class SpendUploadAdmin(SimpleHistoryAdmin):
    list_display = ["force_area", "month", "row_count", "total", "uploaded_by", "uploaded_at"]
    list_filter = ["force_area"]
    search_fields = ["filename"]
    inlines = [SpendItemInline]


@admin.register(SpendItem)
class SpendItemAdmin(SimpleHistoryAdmin):
    list_display = ["paid_on", "supplier", "description", "amount", "upload"]
    list_filter = ["upload__force_area"]
    search_fields = ["supplier", "description", "transaction_reference"]
    raw_id_fields = ["upload"]


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "supplier_name", "value", "start_date", "end_date", "procurement_route"]
    list_filter = ["force_area", "procurement_route", "is_published"]
    search_fields = ["reference", "title", "supplier_name"]
    raw_id_fields = ["supplier"]


@admin.register(InspectionReport)
class InspectionReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "force_area", "published_on", "response_published_on"]
    formfield_overrides = URL_FIELDS
    list_filter = ["force_area"]
    search_fields = ["title"]


@admin.register(PublicationEntry)
class PublicationEntryAdmin(SimpleHistoryAdmin):
    list_display = ["force_area", "publication_class", "last_published_on", "url"]
    formfield_overrides = URL_FIELDS
    list_filter = ["force_area", "publication_class"]
    search_fields = ["url", "notes"]
