from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning and grants"
    archive_personal_fields = {"applicationreceipt": ["email"]}
    # The spend totals follow the grants: an area's package never carries them (its grants bring their own).
    archive_exclude = ["StreamSpendEntry", "PrioritySpendEntry"]

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the grant offer PDF

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .permissions import can_view_commissioning

        return [NavItem(label="Commissioning", url_name="commissioning:home", visible=can_view_commissioning, order=50)]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [
            NavItem(label="Grants register", url_name="commissioning:register", visible=lambda user: True, order=50),
            NavItem(
                label="Funding decisions", url_name="commissioning:decision_list", visible=lambda user: True, order=51
            ),
        ]

    def dashboard_panels(self, user):
        from pcc_portal.accounts.models import Role
        from pcc_portal.core.registry import DashboardPanel

        from . import selectors
        from .permissions import can_view_commissioning

        panels = []
        if not can_view_commissioning(user):  # returns, applications and assessments: staff, partners, admins only
            return panels
        returns = selectors.dashboard_returns_due(user)
        if returns:
            panels.append(
                DashboardPanel(
                    title="Grant monitoring returns due",
                    template="commissioning/partials/panel_returns.html",
                    context={"returns": returns},
                    order=50,
                )
            )
        own = selectors.applications_of_own_organisation(user)
        # Staff and administrators have no organisation: their empty queryset is not narrowed, sliced and compiled
        # only to find it empty (0.3-0.5 ms on every staff dashboard).
        own = [] if own.query.is_empty() else list(own.only("title", "status", "round__title", "round__closes_at")[:10])
        if own:
            panels.append(
                DashboardPanel(
                    title="Your organisation's grant applications",
                    template="commissioning/partials/panel_own_applications.html",
                    context={"applications": own},
                    order=49,
                )
            )
        # Assessors are the area's OPCC staff (the assignment form offers nobody else): no query for other roles.
        to_assess = []
        if user.is_administrator or user.role == Role.OPCC_STAFF:
            to_assess = selectors.dashboard_applications_to_assess(user)
        if to_assess:
            panels.append(
                DashboardPanel(
                    title="Applications to assess",
                    template="commissioning/partials/panel_assess.html",
                    context={"applications": to_assess},
                    order=51,
                )
            )
        return panels

    # The model of the id in each of this app's transfer register source keys: remapped on import.
    transfer_key_models = {
        "commissioning.grant": ("commissioning.grant",),
        "commissioning.round": ("commissioning.round",),
    }

    # The model of each id in this app's deadline keys: the archive remaps them on import.
    deadline_key_models = {
        "commissioning.round_close": ("commissioning.round",),
        "commissioning.return_due": ("commissioning.monitoringreturn",),
        "commissioning.grant_end": ("commissioning.grant",),
    }

    def deadlines(self, *, start, end, user=None, area_id=None, recipients=True, met_before=None):
        from .deadlines import deadlines_for

        return list(
            deadlines_for(
                start=start, end=end, user=user, area_id=area_id, recipients=recipients, met_before=met_before
            )
        )

    def deadline_kinds(self, *, start, end, user):
        from .deadlines import deadline_kinds_for

        return deadline_kinds_for(start=start, end=end, user=user)

    def deadline_summary(self, *, start, end, now, week, month, user, size, area_ids):
        from .deadlines import deadline_summary

        return deadline_summary(
            start=start, end=end, now=now, week=week, month=month, user=user, size=size, area_ids=area_ids
        )

    def load_demo(self, *, stdout):
        from .demo import load

        load(stdout=stdout)

    def area_imported(self, *, area, objects, replaced):
        from .services import spend_totals_rebuild

        # The triggers counted every imported grant and link: fold their entries into one per key.
        spend_totals_rebuild()

    def transfer_proposals(self, *, area_id, transfer_date):
        from .transfer import transfer_proposals

        return list(transfer_proposals(area_id=area_id, transfer_date=transfer_date))

    def search_sources(self):
        from .search import sources

        return sources()

    def notification_kinds(self):
        from .notifications import kinds

        return kinds()
