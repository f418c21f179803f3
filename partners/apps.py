from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)
