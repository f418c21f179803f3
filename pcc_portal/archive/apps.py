from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "pcc_portal.archive"
    label = "archive"
    verbose_name = "Area archive (export and import)"
