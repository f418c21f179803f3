from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "pcc_portal.core"
    label = "core"
    verbose_name = "Portal"

    def ready(self):
        from django.core.signals import setting_changed
        from django.db.backends.signals import connection_created

        from . import pagecache

        # Every process that writes (web, Celery, manage.py) retires the cached pages.
        connection_created.connect(pagecache.on_connection_created, dispatch_uid="pagecache-watch")
        setting_changed.connect(pagecache.on_setting_changed, dispatch_uid="pagecache-setting")
        pagecache.watch_existing_connections()


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's admin site (pcc_portal/core/admin_site.py)."""

    default = False  # named in INSTALLED_APPS; CoreConfig stays this module's config for pcc_portal.core
    default_site = "pcc_portal.core.admin_site.PortalAdminSite"
