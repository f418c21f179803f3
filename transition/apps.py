from django.apps import AppConfig


class TransitionConfig(AppConfig):
    name = "transition"
    verbose_name = "Transition"

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .permissions import can_view_transition

        return [NavItem(label="Transition", url_name="transition:home", visible=can_view_transition, order=60)]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [
            NavItem(
                label="Transition programmes", url_name="transition:public_list", visible=lambda user: True, order=60
            )
        ]

    def dashboard_panels(self, user):
        from django.utils import timezone

        from pcc_portal.core.links import path_for
        from pcc_portal.core.registry import DashboardPanel

        from .selectors import programmes_under_way

        programmes = programmes_under_way(user)
        if not programmes:
            return []
        for programme in programmes:  # the box's two links, without a reverse() each
            programme.url = path_for("transition:programme_detail", programme.pk)
            programme.readiness_url = path_for("transition:readiness", programme.pk)
        context = {"programmes": programmes, "today": timezone.localdate()}
        return [DashboardPanel(title="Transition", template="transition/partials/dashboard.html", context=context)]

    # The model of each id in this app's deadline keys: the archive remaps them on import.
    deadline_key_models = {
        "transition.milestone": ("transition.milestone",),
        "transition.risk_review": ("transition.risk",),
    }

    def deadlines(self, *, start, end, user=None):
        from .deadlines import transition_deadlines

        return list(transition_deadlines(start=start, end=end, user=user))

    def calendar_events(self, *, start, end, user=None):
        from .deadlines import milestone_events

        return list(milestone_events(start=start, end=end, user=user))

    def transfer_proposals(self, *, area_id, transfer_date):
        from .proposals import deadlines_after

        return list(deadlines_after(area_id=area_id, transfer_date=transfer_date))

    def load_demo(self, *, stdout):
        from .demo import load

        load(stdout=stdout)

    def search_sources(self):
        from .search import sources

        return sources()
