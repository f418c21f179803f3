from django.apps import AppConfig


def _can_see_consultations(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _can_see_events(user) -> bool:
    from pcc_portal.accounts.models import Role

    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_administrator or user.role in {Role.OPCC_STAFF, Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER})
    )


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the findings report PDF

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        return [
            NavItem("Consultations", "consultations:list", _can_see_consultations, order=40),
            NavItem("Consultation events", "consultations:event_list", _can_see_events, order=41),
        ]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [NavItem("Public consultations", "consultations:public_list", lambda user: True, order=40)]

    def dashboard_panels(self, user):
        from .dashboard import panels_for

        return panels_for(user)

    # The model of the id in each of this app's transfer register source keys: remapped on import.
    transfer_key_models = {
        "consultations.consultation": ("consultations.consultation",),
        "consultations.event": ("consultations.consultationevent",),
    }

    # The model of each id in this app's deadline keys: the archive remaps them on import.
    deadline_key_models = {
        "consultations.close": ("consultations.consultation",),
        "consultations.response": ("consultations.consultation", "partners.organisation"),
    }

    def deadlines(self, *, start, end, user=None, area_id=None, recipients=True):
        from .deadlines import consultation_deadlines

        return consultation_deadlines(start=start, end=end, user=user, area_id=area_id, recipients=recipients)

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)

    def transfer_proposals(self, *, area_id, transfer_date):
        from .transfer import transfer_proposals

        return list(transfer_proposals(area_id=area_id, transfer_date=transfer_date))

    def search_sources(self):
        from .search import sources

        return sources()
