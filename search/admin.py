from django.contrib import admin

from .models import SearchEntry


@admin.register(SearchEntry)
class SearchEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "app_label", "force_area", "date", "updated_at"]
    list_filter = ["app_label", "force_area"]
    search_fields = ["title", "body"]
    readonly_fields = ["search_vector"]
