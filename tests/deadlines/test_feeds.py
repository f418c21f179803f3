"""Private iCalendar feeds (secret, revocable) and the public feed of panel meetings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from pcc_portal.deadlines.models import CalendarFeed
from pcc_portal.deadlines.registry import CalendarEvent
from tests.accounts.factories import UserFactory
from tests.conftest import DEADLINES_MAX_QUERIES

from .factories import CalendarFeedFactory

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


def meeting(key: str, title: str, area, *, days: int = 10) -> CalendarEvent:
    start = timezone.now() + timedelta(days=days)
    return CalendarEvent(
        key=key, title=title, start=start, end=start + timedelta(hours=2), url=f"/panels/{key}/", area_id=area.pk,
        location="County Hall, Glenfield",
    )  # fmt: skip


def test_private_feed_is_valid_icalendar_with_the_users_deadlines_and_meetings(
    client, deadline_source, staff_user, area, settings
):
    settings.SITE_URL = "https://portal.example.org"
    due = timezone.now() + timedelta(days=5)
    deadline_source.add(key="plans.issue:7", title="Issue the plan", due=due, recipients=[staff_user], url="/plans/7/")
    deadline_source.events.append(meeting("panels.meeting:1", "Police and Crime Panel", area))
    feed = CalendarFeedFactory(user=staff_user)
    calendar = parse(client.get(feed.get_absolute_url()))
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Due: Issue the plan", "Police and Crime Panel"}
    deadline = events["Due: Issue the plan"]
    assert deadline["DTSTART"].dt == due.replace(microsecond=0) or deadline["DTSTART"].dt == due
    assert str(deadline["URL"]) == "https://portal.example.org/plans/7/"
    assert str(deadline["UID"]) == "plans.issue-7@portal.example.org"
    assert all("DTSTAMP" in e and "UID" in e for e in events.values())
    assert str(events["Police and Crime Panel"]["LOCATION"]) == "County Hall, Glenfield"


def test_feed_needs_no_sign_in_but_an_unknown_token_is_404(client):
    assert client.get(reverse("deadlines:user_feed", kwargs={"token": "not-a-real-token"})).status_code == 404


def test_revoked_token_gives_404(client, staff_user):
    feed = CalendarFeedFactory(user=staff_user, revoked=True)
    assert client.get(feed.get_absolute_url()).status_code == 404


def test_revoking_from_the_settings_page_stops_the_feed(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("deadlines:calendar_feed_new"))
    feed = CalendarFeed.objects.get(user=staff_user)
    url = feed.get_absolute_url()
    assert client.get(url).status_code == 200
    response = client.post(reverse("deadlines:calendar_feed_revoke"), follow=True)
    assert "Your calendar address no longer works." in response.content.decode()
    assert client.get(url).status_code == 404


def test_a_new_address_replaces_the_old_one(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("deadlines:calendar_feed_new"))
    old = CalendarFeed.objects.get(user=staff_user)
    client.post(reverse("deadlines:calendar_feed_new"))
    new = CalendarFeed.objects.get(user=staff_user, revoked_at__isnull=True)
    assert new.token != old.token
    assert client.get(old.get_absolute_url()).status_code == 404
    assert client.get(new.get_absolute_url()).status_code == 200


def test_feed_of_a_deactivated_user_is_404(client, staff_user):
    feed = CalendarFeedFactory(user=staff_user)
    staff_user.is_active = False
    staff_user.save()
    assert client.get(feed.get_absolute_url()).status_code == 404


def test_feed_addresses_are_only_made_and_revoked_by_post_by_their_owner(client, staff_user):
    assert client.post(reverse("deadlines:calendar_feed_new")).status_code == 302
    assert not CalendarFeed.objects.exists()  # anonymous: sent to sign in, nothing made
    client.force_login(staff_user)
    assert client.get(reverse("deadlines:calendar_feed_new")).status_code == 405


def test_partner_users_feed_holds_nothing_of_another_organisation_or_area(
    client, deadline_source, partner_user, area, other_area
):
    deadline_source.leaky = True  # an app that forgets to scope: the portal still does not leak
    other_org_user = UserFactory(partner=True, areas=[area])
    soon = timezone.now() + timedelta(days=3)
    deadline_source.add(
        key="commissioning.return:1", title="Our return", due=soon, recipients=[partner_user], area=area
    )
    deadline_source.add(
        key="commissioning.return:2", title="Their return", due=soon, recipients=[other_org_user], area=area
    )
    deadline_source.add(
        key="commissioning.return:3", title="Elsewhere", due=soon, recipients=[partner_user], area=other_area
    )
    deadline_source.events.append(meeting("panels.meeting:9", "Other area panel", other_area))
    feed = CalendarFeedFactory(user=partner_user)
    assert summaries(parse(client.get(feed.get_absolute_url()))) == ["Due: Our return"]


def test_public_feed_lists_public_panel_meetings_only(client, deadline_source, area, other_area):
    deadline_source.events += [
        meeting("panels.meeting:1", "Leicestershire panel", area),
        meeting("panels.meeting:2", "West Midlands panel", other_area),
        meeting("panels.meeting:3", "Unpublished meeting", area),
    ]
    deadline_source.public_event_keys = {"panels.meeting:1", "panels.meeting:2"}
    response = client.get(reverse("deadlines:public_feed"))
    assert summaries(parse(response)) == ["Leicestershire panel", "West Midlands panel"]
    assert response["Cache-Control"] == "public, max-age=900"
    one_area = client.get(reverse("deadlines:public_feed"), {"area": area.code})
    assert summaries(parse(one_area)) == ["Leicestershire panel"]
    assert client.get(reverse("deadlines:public_feed"), {"area": "atlantis"}).status_code == 404


def test_public_feed_holds_no_deadlines(client, deadline_source, staff_user):
    deadline_source.add(key="plans.issue:1", due=timezone.now() + timedelta(days=2), recipients=[staff_user])
    assert summaries(parse(client.get(reverse("deadlines:public_feed")))) == []


@pytest.mark.parametrize("rows", [1, 20])
def test_feed_query_count_does_not_grow_with_rows(
    client, deadline_source, staff_user, area, django_assert_max_num_queries, rows
):
    for n in range(rows):
        deadline_source.add(key=f"plans.issue:{n}", due=timezone.now() + timedelta(days=n), recipients=[staff_user])
        deadline_source.events.append(meeting(f"panels.meeting:{n}", f"Meeting {n}", area, days=n))
    feed = CalendarFeedFactory(user=staff_user)
    with django_assert_max_num_queries(DEADLINES_MAX_QUERIES):
        calendar = parse(client.get(feed.get_absolute_url()))
    assert len(calendar.walk("VEVENT")) == 2 * rows


def _with_icalendar(*, name, deadlines, events, now) -> bytes:
    """Build the feed with the icalendar package, as the portal did before it wrote the lines itself."""
    from datetime import UTC

    from icalendar import Event

    from pcc_portal.deadlines.emails import absolute_url
    from pcc_portal.deadlines.feeds import PRODID

    calendar = Calendar()
    for prop, value in [("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH"),
                        ("x-wr-calname", name), ("x-wr-timezone", "Europe/London")]:  # fmt: skip
        calendar.add(prop, value)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for item in deadlines:
        vevent = Event()
        vevent.add("uid", f"{item.key.replace(':', '-')}@portal.example.org")
        vevent.add("dtstamp", now.astimezone(UTC))
        vevent.add("dtstart", item.due.astimezone(UTC))
        vevent.add("summary", f"Due: {item.title}")
        description = f"{item.kind_label}. Responsible: {item.responsible or 'not stated'}."
        vevent.add("description", description + (" Met." if item.done else ""))
        vevent.add("categories", [item.kind_label])
        vevent.add("url", absolute_url(item.url))
        vevent.add("transp", "TRANSPARENT")
        calendar.add_component(vevent)
    for event in events:
        vevent = Event()
        vevent.add("uid", f"{event.key.replace(':', '-')}@portal.example.org")
        vevent.add("dtstamp", now.astimezone(UTC))
        vevent.add("dtstart", event.start.astimezone(UTC))
        if event.end and event.end > event.start:
            vevent.add("dtend", event.end.astimezone(UTC))
        vevent.add("summary", event.title)
        if event.location:
            vevent.add("location", event.location)
        if event.description:
            vevent.add("description", event.description)
        vevent.add("url", absolute_url(event.url))
        calendar.add_component(vevent)
    return calendar.to_ical()


def test_feed_text_is_escaped_and_folded_byte_for_byte_as_icalendar_writes_it(settings):
    """Commas, semicolons, backslashes and line breaks escaped; lines over 75 octets folded between characters."""
    from pcc_portal.deadlines.feeds import build_calendar
    from pcc_portal.deadlines.registry import Deadline

    settings.SITE_URL = "https://portal.example.org"
    now = timezone.now()
    awkward = "Réponse; “Leicester, Leicestershire & Rutland” \\ plan\nsecond line\r\nthird 😀 " * 3
    deadlines = [
        Deadline(
            key=f"plans.issue:{n}",
            kind="plans.issue",
            kind_label=awkward[: 20 + n * 9],
            title=awkward[n:],
            due=now + timedelta(days=n, microseconds=n),
            url=f"/plans/{n}/?a=1,2;3",
            area_id=None,
            responsible=awkward[: n * 7],
            done=n % 2 == 0,
        )
        for n in range(12)
    ]
    events = [
        CalendarEvent(
            key=f"panels.meeting:{n}",
            title=awkward[n * 3 :],
            start=now + timedelta(hours=n),
            end=now + timedelta(hours=n + 1) if n % 2 else None,
            url=f"/panels/{n}/",
            area_id=None,
            location=awkward[: n * 11],
            description=awkward[: n * 13],
        )
        for n in range(12)
    ]
    name = "Police and Crime Panel meetings – Leicester, Leicestershire and Rutland"
    ours = build_calendar(name=name, deadlines=deadlines, events=events, now=now)
    assert ours == _with_icalendar(name=name, deadlines=deadlines, events=events, now=now)
    assert max(len(line) for line in ours.split(b"\r\n")) <= 75
    parsed = {str(e["UID"]): e for e in Calendar.from_ical(ours).walk("VEVENT")}
    assert str(parsed["plans.issue-3@portal.example.org"]["SUMMARY"]) == f"Due: {awkward[3:]}".replace("\r\n", "\n")
    assert str(parsed["panels.meeting-5@portal.example.org"]["LOCATION"]) == awkward[:55].replace("\r\n", "\n")


def test_feed_of_any_deadlines_is_written_byte_for_byte_as_icalendar_writes_it(settings):
    """Plain and awkward text, short and long; deadlines in any order, due at instants they share as one object, as
    equal objects, or in another time zone; met or not."""
    from datetime import UTC

    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings
    from hypothesis import strategies as st

    from pcc_portal.deadlines.feeds import build_calendar
    from pcc_portal.deadlines.registry import LONDON

    from .source import any_deadlines

    settings.SITE_URL = "https://portal.example.org"
    now = timezone.now().replace(microsecond=0)
    soon = now.astimezone(LONDON) + timedelta(days=3)
    instants = [soon, soon + timedelta(0), soon.astimezone(UTC), soon + timedelta(hours=5), now - timedelta(days=40)]
    text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\r\n"), max_size=100)
    words = st.sampled_from(["Plan issue", "Return for A, B; C", "back\\slash \\N", "Réponse “x”", "", "x" * 80])
    deadlines = any_deadlines(
        texts=text | words,
        instants=instants,
        kinds=["plans.issue", "odd;kind,with\\marks"],
        urls=["/plans/1/", "/plans/2/?a=1,2;3", "https://elsewhere.example.org/x", "/" + "p" * 90],
    )

    @hypothesis_settings(
        max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.lists(deadlines, max_size=12))
    def check(items):
        ours = build_calendar(name="My deadlines", deadlines=items, events=[], now=now)
        assert ours == _with_icalendar(name="My deadlines", deadlines=items, events=[], now=now)

    check()
