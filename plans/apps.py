from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Police and Crime Plans"

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the plan PDF

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        return [
            NavItem(label="Plans", url_name="plans:plan_list", visible=lambda user: user.is_authenticated, order=20)
        ]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [NavItem(label="Issued plans", url_name="plans:public_list", visible=lambda user: True, order=20)]

    def dashboard_panels(self, user):
        from pcc_portal.accounts.models import Role
        from pcc_portal.core.registry import DashboardPanel

        from .selectors import dashboard_versions_awaiting_review

        versions = dashboard_versions_awaiting_review(user)
        if not versions:
            return []
        titles = {Role.OPCC_STAFF: "Plans with the panel", Role.PANEL_MEMBER: "Draft plans waiting for your comments"}
        title = titles.get(user.role, "Plans awaiting your review")
        return [
            DashboardPanel(
                title=title,
                template="plans/partials/dashboard_panel.html",
                context={"versions": versions},
                order=20,
            )
        ]

    # The model of the id in each of this app's transfer register source keys: remapped on import.
    transfer_key_models = {"plans.plan": ("plans.plan",)}

    # The model of each id in this app's deadline keys ("plans.issue:12"): the archive remaps them on import.
    deadline_key_models = {
        "plans.issue": ("plans.plan",),
        "plans.consultation_close": ("plans.planversion",),
        "plans.panel_report": ("plans.planversion",),
        "plans.panel_response": ("plans.planversion",),
    }

    def deadlines(self, *, start, end, user=None, area_id=None, recipients=True):
        from .timetable import plan_deadlines

        return plan_deadlines(start=start, end=end, user=user, area_id=area_id, recipients=recipients)

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)

    def transfer_proposals(self, *, area_id, transfer_date):
        from .transfer import transfer_proposals

        return list(transfer_proposals(area_id=area_id, transfer_date=transfer_date))

    def search_sources(self):
        from .search import sources

        return sources()

    def notification_kinds(self):
        from .notifications import kinds

        return kinds()
