from django.apps import AppConfig


class HandoverConfig(AppConfig):
    name = "handover"
    verbose_name = "Handover and candidate briefings"
    # Candidates are members of the public: their names and addresses leave only with --with-personal-data.
    archive_personal_fields = {"candidate": ["name", "email"]}

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the briefing and handover pack PDFs

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .permissions import can_see_packs, is_briefing_staff

        return [
            NavItem(
                label="Candidate briefings", url_name="handover:briefing_list", visible=is_briefing_staff, order=74
            ),
            NavItem(label="Handover packs", url_name="handover:pack_list", visible=can_see_packs, order=75),
        ]

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

    def notification_kinds(self):
        from .notifications import kinds

        return kinds()
