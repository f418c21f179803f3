from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = "Police and Crime Panels"

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the agenda report and panel report PDFs

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .permissions import can_set_up_area, can_use_panels

        return [
            NavItem(label="Panels", url_name="panels:panel_list", visible=can_use_panels, order=30),
            NavItem(label="New force area", url_name="panels:area_setup", visible=can_set_up_area, order=95),
        ]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [NavItem(label="Panel meetings", url_name="panels:meeting_list", visible=lambda user: True, order=30)]

    def dashboard_panels(self, user):
        from .dashboard import dashboard_panels

        return dashboard_panels(user)

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)

    # The model of the id in each of this app's transfer register source keys: remapped on import.
    transfer_key_models = {
        "panels.recommendation": ("panels.recommendation",),
        "panels.complaint": ("panels.complaint",),
    }

    # The model of each id in this app's deadline keys (None: a year, not an id): the archive remaps them on import.
    deadline_key_models = {
        "panels.papers_due": ("panels.meeting",),
        "panels.annual_report_meeting": ("panels.meeting",),
        "panels.precept_*": ("panels.panel", None),
        "panels.hearing_report": ("panels.confirmationhearing",),
        "panels.responses_due": ("panels.panelreport",),
    }

    def deadlines(self, *, start, end, user=None, area_id=None, recipients=True):
        from .deadlines import panel_deadlines

        return panel_deadlines(start=start, end=end, user=user, area_id=area_id, recipients=recipients)

    def calendar_events(self, *, start, end, user=None):
        from .deadlines import meeting_events

        return meeting_events(start=start, end=end, user=user)

    def transfer_proposals(self, *, area_id, transfer_date):
        from .transfer import transfer_proposals

        return list(transfer_proposals(area_id=area_id, transfer_date=transfer_date))

    def search_sources(self):
        from .search import sources

        return sources()

    def notification_kinds(self):
        from .notifications import kinds

        return kinds()
