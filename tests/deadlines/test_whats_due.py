"""The "what's due" page, the dashboard panel and the navigation link."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.conftest import DEADLINES_MAX_QUERIES

pytestmark = pytest.mark.django_db

URL = reverse("deadlines:whats_due")


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_sees_overdue_this_week_and_next_30_days_each_linking_to_its_object(
    client, deadline_source, staff_user, area
):
    now = timezone.now()
    deadline_source.add(
        key="panels.papers:1", title="Late papers", due=now - timedelta(days=2), recipients=[staff_user], area=area
    )
    deadline_source.add(
        key="panels.papers:2", title="Met papers", due=now - timedelta(days=1), recipients=[staff_user], done=True
    )
    deadline_source.add(
        key="plans.issue:3",
        title="Issue the plan",
        due=now + timedelta(days=3),
        recipients=[staff_user],
        url="/plans/3/",
    )
    deadline_source.add(
        key="commissioning.round:4", title="Round closes", due=now + timedelta(days=20), recipients=[staff_user]
    )
    deadline_source.add(
        key="commissioning.round:5", title="Coming up", due=now + timedelta(days=45), recipients=[staff_user]
    )
    deadline_source.add(
        key="commissioning.round:6", title="Far off", due=now + timedelta(days=120), recipients=[staff_user]
    )
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    due = response.context["due"]
    assert [e.deadline.title for e in due.overdue] == ["Late papers"]
    assert [e.deadline.title for e in due.this_week] == ["Issue the plan"]
    assert [e.deadline.title for e in due.next_30_days] == ["Round closes"]
    assert [e.deadline.title for e in due.coming_up] == ["Coming up"]
    assert due.overdue[0].area_name == "Leicestershire"
    html = response.content.decode()
    assert '<a href="/plans/3/" class="fw-semibold">Issue the plan</a>' in html
    assert "Met papers" not in html and "Far off" not in html


def test_each_item_shows_its_kind_due_time_area_and_who_is_responsible_with_text_escaped(
    client, deadline_source, staff_user, area
):
    now = timezone.now()
    due = timezone.localtime(now + timedelta(days=2)).replace(hour=17, minute=0, second=0, microsecond=0)
    late = due - timedelta(days=5)
    deadline_source.add(
        key="plans.issue:1",
        title="Issue <the> plan & report",
        kind_label="Plan <issue>",
        responsible="O'Brien & Co",
        due=due,
        recipients=[staff_user],
        area=area,
        url="/plans/1/?a=1&b=2",
    )
    deadline_source.add(
        key="panels.papers:2", title="Late papers", due=late, recipients=[staff_user], responsible="", done=False
    )
    deadline_source.add(
        key="panels.papers:3", title="Papers in", due=due, recipients=[staff_user], responsible="", done=True
    )
    client.force_login(staff_user)
    html = client.get(URL).content.decode()
    label = due.strftime("%a %-d %b %Y, 17:00")
    assert (
        '<a href="/plans/1/?a=1&amp;b=2" class="fw-semibold">Issue &lt;the&gt; plan &amp; report</a>\n'
        "          \n"
        '          <div class="small">\n'
        "            <span>Plan &lt;issue&gt;</span> ·\n"
        f'            <span>Due <time datetime="{due.isoformat()}">{label}</time></span>\n'
        "             · <span>Leicestershire</span>\n"
        "             · <span>Responsible: O&#x27;Brien &amp; Co</span>\n"
        "          </div>"
    ) in html
    assert (
        f'Late papers</a>\n          \n          <div class="small">\n            <span>Panels papers</span> ·\n'
        f'            <span>Was due <time datetime="{late.isoformat()}">{late.strftime("%a %-d %b %Y, 17:00")}'
        "</time></span>\n            \n            \n          </div>"
    ) in html
    assert 'Papers in</a>\n          <span class="badge text-bg-success ms-1">Met</span>\n' in html


def test_kinds_with_the_same_label_are_offered_in_the_same_order_every_time(client, deadline_source, staff_user):
    soon = timezone.now() + timedelta(days=2)
    for n, step in enumerate(["report", "final", "proposed", "revised"]):
        deadline_source.add(
            key=f"panels.precept_{step}:{n}", kind_label="Precept 2026/27", due=soon, recipients=[staff_user]
        )
    client.force_login(staff_user)
    kinds = client.get(URL).context["due"].kinds
    assert [kind for kind, _ in kinds] == [
        "panels.precept_final",
        "panels.precept_proposed",
        "panels.precept_report",
        "panels.precept_revised",
    ]


def test_filter_by_kind_and_by_area(client, deadline_source, staff_user, area):
    soon = timezone.now() + timedelta(days=2)
    deadline_source.add(key="plans.issue:1", title="Issue the plan", due=soon, recipients=[staff_user], area=area)
    deadline_source.add(key="panels.papers:2", title="Panel papers", due=soon, recipients=[staff_user], area=area)
    deadline_source.add(key="panels.papers:3", title="Nationwide papers", due=soon, recipients=[staff_user])
    client.force_login(staff_user)

    by_kind = client.get(URL, {"kind": "panels.papers"}).context["due"]
    assert sorted(e.deadline.title for e in by_kind.this_week) == ["Nationwide papers", "Panel papers"]
    by_area = client.get(URL, {"area": str(area.pk)}).context["due"]
    assert sorted(e.deadline.title for e in by_area.this_week) == ["Issue the plan", "Panel papers"]
    both = client.get(URL, {"kind": "plans.issue", "area": str(area.pk)}).context["due"]
    assert [e.deadline.title for e in both.this_week] == ["Issue the plan"]


def test_unknown_filter_values_show_everything_with_a_message_not_an_error(
    client, deadline_source, staff_user, other_area
):
    deadline_source.add(key="plans.issue:1", due=timezone.now() + timedelta(days=1), recipients=[staff_user])
    client.force_login(staff_user)
    response = client.get(URL, {"kind": "no.such", "area": str(other_area.pk)})
    assert response.status_code == 200
    assert response.context["due"].total == 1
    assert "Select a valid choice" in response.content.decode()


def test_partner_user_sees_nothing_of_another_organisation_or_area(
    client, deadline_source, partner_user, area, other_area
):
    """Even when an app's hook wrongly returns everything, the portal shows only the user's own items."""
    deadline_source.leaky = True
    other_org_user = UserFactory(partner=True, areas=[area])
    soon = timezone.now() + timedelta(days=2)
    deadline_source.add(
        key="commissioning.return:1", title="Our return", due=soon, recipients=[partner_user], area=area
    )
    deadline_source.add(
        key="commissioning.return:2", title="Their return", due=soon, recipients=[other_org_user], area=area
    )
    deadline_source.add(
        key="commissioning.return:3", title="Other area return", due=soon, recipients=[partner_user], area=other_area
    )
    client.force_login(partner_user)
    html = client.get(URL).content.decode()
    assert "Our return" in html
    assert "Their return" not in html
    assert "Other area return" not in html


@pytest.mark.parametrize("rows", [1, 20])
def test_query_count_does_not_grow_with_rows(
    client, deadline_source, staff_user, area, django_assert_max_num_queries, rows
):
    for n in range(rows):
        deadline_source.add(
            key=f"plans.issue:{n}", due=timezone.now() + timedelta(days=n % 40 - 5), recipients=[staff_user], area=area
        )
    client.force_login(staff_user)
    with django_assert_max_num_queries(DEADLINES_MAX_QUERIES):
        assert client.get(URL).status_code == 200


def test_dashboard_shows_what_is_due_first(client, deadline_source, staff_user):
    deadline_source.add(
        key="plans.issue:1", title="Issue the plan", due=timezone.now() - timedelta(hours=3), recipients=[staff_user]
    )
    deadline_source.add(
        key="panels.papers:2", title="Panel papers", due=timezone.now() + timedelta(days=2), recipients=[staff_user]
    )
    client.force_login(staff_user)
    response = client.get(reverse("core:dashboard"))
    panels = response.context["panels"]
    assert panels[0].title == "What's due"
    html = response.content.decode()
    assert "<strong>1</strong> overdue, <strong>1</strong> due this week" in html
    assert "Issue the plan" in html and "Panel papers" in html


def test_navigation_links_to_whats_due_for_every_signed_in_role(client, staff_user, partner_user, panel_member_user):
    for user in (staff_user, partner_user, panel_member_user):
        client.force_login(user)
        response = client.get(reverse("core:dashboard"))
        assert {"label": "What's due", "url": URL, "active": False} in response.context["nav_links"]


@pytest.mark.parametrize(
    "role", ["staff_user", "secretariat_user", "panel_member_user", "partner_user", "admin_user", "other_area_staff"]
)
def test_each_role_sees_only_what_is_addressed_to_them(
    request, client, deadline_source, staff_user, secretariat_user, panel_member_user, partner_user, admin_user,
    other_area_staff, role,
):  # fmt: skip
    soon = timezone.now() + timedelta(days=2)
    users = {
        "staff_user": staff_user, "secretariat_user": secretariat_user, "panel_member_user": panel_member_user,
        "partner_user": partner_user, "admin_user": admin_user, "other_area_staff": other_area_staff,
    }  # fmt: skip
    for name, user in users.items():
        deadline_source.add(key=f"things.for:{user.pk}", title=f"For {name}", due=soon, recipients=[user])
    client.force_login(users[role])
    due = client.get(URL).context["due"]
    assert [e.deadline.title for e in due.this_week] == [f"For {role}"]


def test_a_kind_filter_asks_every_app_once_as_the_whole_list_does(client, deadline_source, staff_user, area):
    for n in range(20):
        kind = "plans.issue" if n % 2 else "panels.papers"
        due = timezone.now() + timedelta(days=n)
        deadline_source.add(key=f"{kind}:{n}", due=due, recipients=[staff_user], area=area)
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as everything:
        client.get(URL)
    deadline_source.calls = 0
    with CaptureQueriesContext(connection) as filtered:
        page = client.get(URL, {"kind": "plans.issue"})
    assert deadline_source.calls == 1
    assert len(page.context["due"].this_week) + len(page.context["due"].next_30_days) == 10
    assert len(filtered) == len(everything) <= DEADLINES_MAX_QUERIES


@pytest.mark.parametrize("rows", [1, 20])
def test_reminder_settings_query_count_does_not_grow_with_rows(
    client, deadline_source, staff_user, area, django_assert_max_num_queries, rows
):
    for n in range(rows):
        deadline_source.add(key=f"plans.issue:{n}", due=timezone.now() + timedelta(days=n), recipients=[staff_user])
    client.force_login(staff_user)
    with django_assert_max_num_queries(DEADLINES_MAX_QUERIES):
        assert client.get(reverse("deadlines:settings")).status_code == 200


def test_due_times_show_in_uk_time_on_both_sides_of_the_clock_change(client, deadline_source, staff_user):
    from datetime import UTC, datetime

    from pcc_portal.deadlines.selectors import DueItem

    summer = datetime(2030, 10, 26, 16, 0, tzinfo=UTC)  # 17:00 BST, the day before the clocks go back
    winter = datetime(2030, 10, 28, 17, 0, tzinfo=UTC)  # 17:00 GMT
    deadline_source.add(key="plans.issue:1", title="Summer", due=summer, recipients=[staff_user])
    deadline_source.add(key="plans.issue:2", title="Winter", due=winter, recipients=[staff_user])
    items = [DueItem(deadline=d) for d in deadline_source.items]
    assert [(item.due_iso, item.due_label) for item in items] == [
        ("2030-10-26T17:00:00+01:00", "Sat 26 Oct 2030, 17:00"),
        ("2030-10-28T17:00:00+00:00", "Mon 28 Oct 2030, 17:00"),
    ]


def test_each_item_shows_its_due_time_as_the_date_filter_writes_it(client, deadline_source, staff_user):
    from django.utils import dateformat

    due = timezone.now() + timedelta(days=3)
    deadline_source.add(key="plans.issue:1", title="Issue the plan", due=due, recipients=[staff_user])
    client.force_login(staff_user)
    local = timezone.localtime(due)
    shown = f'<time datetime="{local.isoformat()}">{dateformat.format(local, "D j M Y, H:i")}</time>'
    assert shown in client.get(URL).text
    assert f"due {dateformat.format(local, 'D j M Y, H:i')}</span>" in client.get(reverse("core:dashboard")).text


def test_the_list_writes_each_due_time_as_the_date_filter_writes_it_on_both_sides_of_the_clock_change(
    client, deadline_source, staff_user
):
    from django.utils import dateformat

    now = timezone.now()
    # Due in summer time and in winter time, each within the 90 days the list shows.
    dues = [now + timedelta(days=days, hours=hours) for days in (-200, -100, 3, 40, 80) for hours in (0, 7)]
    for n, due in enumerate(dues):
        deadline_source.add(key=f"plans.issue:{n}", title=f"Item {n}", due=due, recipients=[staff_user])
    client.force_login(staff_user)
    page = client.get(URL).text
    for due in dues:
        local = timezone.localtime(due)
        assert f'<time datetime="{local.isoformat()}">{dateformat.format(local, "D j M Y, H:i")}</time>' in page
    assert len({timezone.localtime(due).utcoffset() for due in dues}) == 2


def test_each_deadline_is_listed_by_where_its_due_time_falls_at_the_edges_of_each_list(deadline_source, staff_user):
    from pcc_portal.deadlines.selectors import AHEAD, COMING_UP, THIS_WEEK, whats_due

    now = timezone.now()
    tick = timedelta(microseconds=1)
    edges = {
        "just overdue": now - tick,
        "met, just overdue": now - tick,
        "now": now,
        "met, now": now,
        "end of the week": now + THIS_WEEK - tick,
        "after the week": now + THIS_WEEK,
        "end of the 30 days": now + AHEAD - tick,
        "after the 30 days": now + AHEAD,
        "end of the 90 days": now + COMING_UP - tick,
    }
    for n, (title, due) in enumerate(edges.items()):
        deadline_source.add(
            key=f"plans.issue:{n}", title=title, due=due, recipients=[staff_user], done=title.startswith("met")
        )
    due = whats_due(staff_user, now=now, area_names={})
    assert [[entry.deadline.title for entry in entries] for entries in (due.overdue, due.this_week)] == [
        ["just overdue"],
        ["met, now", "now", "end of the week"],
    ]
    assert [entry.deadline.title for entry in due.next_30_days] == ["after the week", "end of the 30 days"]
    assert [entry.deadline.title for entry in due.coming_up] == ["after the 30 days", "end of the 90 days"]
