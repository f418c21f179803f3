from django.contrib import admin

from .models import Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beats", "last_beat_at", "last_worker"]
    search_fields = ["name", "last_worker"]
    readonly_fields = ["name", "beats", "last_beat_at", "last_worker"]
