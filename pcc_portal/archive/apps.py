from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "pcc_portal.archive"
    label = "archive"
    verbose_name = "Area archive (export and import)"

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .selectors import can_export_some_area

        return [NavItem("Export", "archive:export", visible=can_export_some_area, order=90)]
