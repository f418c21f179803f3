from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pcc_portal.core"
    label = "core"
    verbose_name = "Portal"
