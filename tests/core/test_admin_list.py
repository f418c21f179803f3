"""Admin change lists drawn from columns looked up once a page write what Django's admin writes."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results
from django.contrib.admin.views.main import ChangeList
from django.test import RequestFactory
from django.utils import timezone

from pcc_portal.accounts.models import Role, User
from pcc_portal.core.admin_list import PlannedChangeListMixin, PortalChangeList, planned_results
from pcc_portal.deadlines.models import Reminder
from tests.accounts.factories import ForceAreaFactory, UserFactory

pytestmark = pytest.mark.django_db

LONDON_SUMMER = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
LONDON_WINTER = datetime(2026, 12, 11, 9, 0, tzinfo=UTC)


def _changelist(model_admin, user, query=None):
    request = RequestFactory().get("/admin/", query or {})
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    changelist.formset = None  # as changelist_view leaves a list without editable columns
    return changelist


def _rows(rows) -> list[str]:
    return ["".join(str(cell) for cell in row) for row in rows]


def _both(model_admin, user, query=None) -> tuple[list[str], list[str]]:
    """Return Django's rows and the planned rows of the same page."""
    django_rows = _rows(results(_changelist(model_admin, user, query)))
    planned_rows = _rows(planned_results(_changelist(model_admin, user, query)))
    return django_rows, planned_rows


@pytest.fixture
def people(admin_user):
    north, south = ForceAreaFactory(name="North & <East>"), ForceAreaFactory(name="South")
    UserFactory(full_name="Ann <Leaver>", role=Role.PARTNER, is_active=False, areas=[north, south])
    UserFactory(full_name="", job_title="  ", role=Role.PANEL_MEMBER)
    seen = UserFactory(full_name="Sam Seen", role=Role.PANEL_SECRETARIAT, is_staff=True, areas=[south])
    User.objects.filter(pk=seen.pk).update(last_login=LONDON_SUMMER)
    return admin_user


@pytest.fixture
def ledger(staff_user, secretariat_user):
    for n, (status, sent_at) in enumerate(
        [
            (Reminder.Status.SENT, LONDON_WINTER),
            (Reminder.Status.PENDING, None),
            (Reminder.Status.FAILED, None),
            (Reminder.Status.SUPERSEDED, None),
            (Reminder.Status.SENT, LONDON_SUMMER),
        ]
    ):
        Reminder.objects.create(
            deadline_key=f"plans.issue:{n}", recipient=[staff_user, secretariat_user][n % 2],
            lead="escalation" if n == 3 else "7d", kind="plans.issue", kind_label="Plan issue",
            title=f"Issue <plan> & {n}", url="/plans/1/", due=LONDON_WINTER + timedelta(days=n % 2),
            send_at=LONDON_WINTER - timedelta(hours=n % 2), sent_at=sent_at, status=status, attempts=n,
        )  # fmt: skip


USER_PAGES = [{}, {"o": "2.-6"}, {"is_active__exact": "0"}, {"role__exact": Role.PARTNER}, {"q": "Seen"}]


@pytest.mark.parametrize("query", USER_PAGES)
@pytest.mark.parametrize("zone", ["Europe/London", "UTC"])
def test_user_list_rows_are_django_s(people, query, zone):
    with timezone.override(zone):
        django_rows, planned_rows = _both(admin.site.get_model_admin(User), people, query)
    assert django_rows
    assert planned_rows == django_rows


LEDGER_PAGES = [{}, {"status__exact": "sent"}, {"o": "-6.7"}, {"q": "plan"}]


@pytest.mark.parametrize("query", LEDGER_PAGES)
@pytest.mark.parametrize("zone", ["Europe/London", "UTC"])
def test_reminder_ledger_rows_are_django_s(admin_user, ledger, query, zone):
    with timezone.override(zone):
        django_rows, planned_rows = _both(admin.site.get_model_admin(Reminder), admin_user, query)
    assert len(django_rows) == (2 if query.get("status__exact") else 5)
    assert planned_rows == django_rows


@admin.display(boolean=True, description="Sent")
def was_sent(reminder):
    return reminder.sent_at is not None


class LedgerVariant(PlannedChangeListMixin, admin.ModelAdmin):
    """Columns of every sort: a callable, a boolean one, the model's own methods, a relation's field."""

    list_display = ["status", was_sent, "__str__", lambda row: row.attempts or None, "recipient__email", "due"]
    list_display_links = ["due", "status"]

    @admin.display(description="Lead", empty_value="(none)")
    def lead_or_none(self, reminder):
        return "" if reminder.lead == "7d" else reminder.lead


@pytest.mark.parametrize(
    "links", [["due", "status"], ["due"], None, ()], ids=["two links", "a later column", "no links", "first column"]
)
def test_columns_of_every_sort_are_written_as_django_writes_them(admin_user, ledger, links):
    model_admin = LedgerVariant(Reminder, admin.site)
    model_admin.list_display = [*LedgerVariant.list_display, "lead_or_none", "sent_at"]
    model_admin.list_display_links = links
    django_rows, planned_rows = _both(model_admin, admin_user, {"status__exact": "sent"} if links else {})
    assert django_rows
    assert planned_rows == django_rows


def test_a_row_s_change_link_is_django_s_for_every_row(people):
    model_admin = admin.site.get_model_admin(User)
    changelist = _changelist(model_admin, people)
    assert isinstance(changelist, PortalChangeList)
    for user in User.objects.all():
        assert changelist.url_for_result(user) == ChangeList.url_for_result(changelist, user)
        assert changelist.url_for_result(user) == f"/admin/accounts/user/{user.pk}/change/"


def _masked(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"', "CSRF", html)


@pytest.mark.parametrize(
    ("model", "url"), [(User, "/admin/accounts/user/?o=3"), (Reminder, "/admin/deadlines/reminder/?status__exact=sent")]
)
def test_the_page_is_the_one_django_s_own_template_writes(client, people, ledger, monkeypatch, model, url):
    client.force_login(people)
    planned = client.get(url)
    assert planned.templates[0].name == "admin/planned_change_list.html"
    monkeypatch.setattr(type(admin.site.get_model_admin(model)), "change_list_template", None)
    django_s = client.get(url)
    assert django_s.templates[0].name == "admin/change_list.html"
    assert _masked(planned.content.decode()) == _masked(django_s.content.decode())
