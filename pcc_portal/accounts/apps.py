from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pcc_portal.accounts"
    label = "accounts"
    verbose_name = "Users and force areas"

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the area directory PDF

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)
