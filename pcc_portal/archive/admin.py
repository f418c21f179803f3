from django.contrib import admin

from .models import ArchiveJob


@admin.register(ArchiveJob)
class ArchiveJobAdmin(admin.ModelAdmin):
    list_display = ["area", "requested_by", "status", "with_personal_data", "since", "until", "created_at", "size"]
    list_filter = ["status", "with_personal_data", "area"]
    search_fields = ["area__name", "requested_by__email"]
    readonly_fields = [f.name for f in ArchiveJob._meta.fields]
