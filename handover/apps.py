from django.apps import AppConfig


class HandoverConfig(AppConfig):
    name = "handover"
    verbose_name = "Handover and candidate briefings"

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the briefing and handover pack PDFs

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [
            NavItem(
                label="Briefings for candidates",
                url_name="handover:briefing_list",
                visible=lambda user: True,
                order=70,
            )
        ]

    def load_demo(self, *, stdout):
        from .demo import load

        load(stdout=stdout)
