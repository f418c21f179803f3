from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "pcc_portal.core"
    label = "core"
    verbose_name = "Portal"


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's admin site (pcc_portal/core/admin_site.py)."""

    default = False  # named in INSTALLED_APPS; CoreConfig stays this module's config for pcc_portal.core
    default_site = "pcc_portal.core.admin_site.PortalAdminSite"
