from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "pcc_portal.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines and reminders"

    def ready(self) -> None:
        from . import permissions  # noqa: F401 - registers the rules

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)

    def nav_items(self):
        from pcc_portal.accounts.permissions import is_signed_in
        from pcc_portal.core.registry import NavItem

        return [NavItem(label="What's due", url_name="deadlines:whats_due", visible=is_signed_in, order=60)]

    def dashboard_panels(self, user):
        from django.urls import reverse
        from django.utils import timezone

        from pcc_portal.core.registry import DashboardPanel

        from .selectors import whats_due_summary

        due = whats_due_summary(user, now=timezone.now())  # the box names no area
        context = {
            "overdue_count": due.overdue,
            "this_week_count": due.this_week,
            "next_30_days_count": due.next_30_days,
            "soonest": [{"entry": entry, "overdue": overdue} for entry, overdue in due.soonest],
            "link": reverse("deadlines:whats_due"),
        }
        return [
            DashboardPanel(
                title="What's due", template="deadlines/partials/dashboard_panel.html", context=context, order=1
            )
        ]
