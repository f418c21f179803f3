from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "pcc_portal.archive"
    label = "archive"
    verbose_name = "Area archive (export and import)"

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .selectors import exportable_areas_for

        return [NavItem("Export", "archive:export", visible=lambda u: exportable_areas_for(u).exists(), order=90)]
