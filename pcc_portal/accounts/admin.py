from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Prefetch
from simple_history.admin import SimpleHistoryAdmin

from pcc_portal.core.admin_list import PlannedChangeListMixin
from pcc_portal.core.admin_site import PlainActionCheckboxMixin

from .models import AccountInvitation, AreaContact, ForceArea, User


@admin.register(ForceArea)
class ForceAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "nation"]
    list_filter = ["nation"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class PortalUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "role"]


class PortalUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(PlannedChangeListMixin, PlainActionCheckboxMixin, SimpleHistoryAdmin, DjangoUserAdmin):
    add_form = PortalUserCreationForm
    form = PortalUserChangeForm
    ordering = ["full_name"]
    list_display = ["email", "full_name", "role", "area_names", "is_active", "last_login"]
    list_per_page = 50
    show_full_result_count = False  # one count of the filtered list, not a second of every user
    list_filter = ["role", "is_active", "is_staff", "force_areas"]
    search_fields = ["email", "full_name", "job_title"]
    filter_horizontal = ["force_areas", "groups", "user_permissions"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title"]}),
        ("Role and areas", {"fields": ["role", "force_areas"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "role", "password1", "password2"]}),
    ]

    def get_queryset(self, request):
        # As a plain list: a page of users reads each one's areas without making a related manager per row.
        return super().get_queryset(request).prefetch_related(Prefetch("force_areas", to_attr="area_list"))

    @admin.display(description="Force areas")
    def area_names(self, obj: User) -> str:
        return ", ".join(area.name for area in obj.area_list)


@admin.register(AreaContact)
class AreaContactAdmin(SimpleHistoryAdmin):
    list_display = ["force_area", "office_name", "email", "phone", "dpo_name", "updated_at"]
    search_fields = ["force_area__name", "office_name", "email", "dpo_name"]
    list_select_related = ["force_area"]


@admin.register(AccountInvitation)
class AccountInvitationAdmin(admin.ModelAdmin):
    """The invitation ledger: read only, it is the proof of who was invited."""

    list_display = ["user", "status", "invited_by", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "invited_by"]
    readonly_fields = ["user", "invited_by", "status", "error", "created_at", "sent_at"]

    def has_add_permission(self, request) -> bool:
        return False
