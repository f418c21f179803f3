from datetime import timedelta

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the PDF documents

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .selectors import can_open_partners

        return [NavItem("Partners", "partners:index", visible=can_open_partners, order=10)]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [NavItem("Bulletins", "partners:bulletin_archive", visible=lambda u: True, order=10)]

    def dashboard_panels(self, user):
        from django.utils import timezone

        from pcc_portal.core.registry import DashboardPanel

        from .selectors import dashboard_follow_ups, organisation_of

        panels = []
        # Follow-up actions and boards' terms are the OPCC's own lists: only those who manage an area have any.
        today = timezone.localdate()
        actions, boards = dashboard_follow_ups(user, today=today, until=today + timedelta(days=14))
        if actions or boards:
            panels.append(
                DashboardPanel(
                    title="Partnerships",
                    template="partners/partials/dashboard_panel.html",
                    context={"actions": actions, "boards": boards},
                    order=10,
                )
            )
        own = organisation_of(user)
        if own is not None:
            panels.append(
                DashboardPanel(
                    title="Your organisation",
                    template="partners/partials/dashboard_own_organisation.html",
                    context={"organisation": own},
                    order=10,
                )
            )
        return panels

    # The model of the id in each of this app's transfer register source keys: remapped on import.
    transfer_key_models = {"partners.board_seat": ("partners.partnership",)}

    # The model of each id in this app's deadline keys: the archive remaps them on import.
    deadline_key_models = {
        "partners.action": ("partners.followupaction",),
        "partners.bulletin": ("partners.bulletin",),
    }

    def deadlines(self, *, start, end, user=None, area_id=None, recipients=True):
        from .deadlines import partner_deadlines

        return partner_deadlines(start=start, end=end, user=user, area_id=area_id, recipients=recipients)

    def deadline_kinds(self, *, start, end, user):
        from .deadlines import partner_deadline_kinds

        return partner_deadline_kinds(start=start, end=end, user=user)

    def deadline_summary(self, *, start, end, now, week, month, user, size, area_ids):
        from .deadlines import partner_deadline_summary

        return partner_deadline_summary(
            start=start, end=end, now=now, week=week, month=month, user=user, size=size, area_ids=area_ids
        )

    def calendar_events(self, *, start, end, user=None):
        from .deadlines import partner_calendar_events

        return partner_calendar_events(start=start, end=end, user=user)

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)

    def transfer_proposals(self, *, area_id, transfer_date):
        from .handover import transfer_proposals

        return list(transfer_proposals(area_id=area_id, transfer_date=transfer_date))

    def search_sources(self):
        from .search import sources

        return sources()
