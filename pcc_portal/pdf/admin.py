from django.contrib import admin

from .models import PdfJob


@admin.register(PdfJob)
class PdfJobAdmin(admin.ModelAdmin):
    list_display = ["title", "document", "requested_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status", "document"]
    search_fields = ["title", "requested_by__email", "content_hash"]
    readonly_fields = [f.name for f in PdfJob._meta.fields]
    list_select_related = ["requested_by"]

    def has_add_permission(self, request) -> bool:
        return False
