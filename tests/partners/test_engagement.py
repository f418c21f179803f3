from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Engagement, FollowUpAction
from partners.services import InvalidTransition, action_complete
from tests.partners.factories import EngagementFactory, FollowUpActionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_staff_record_an_engagement_with_follow_up_actions(client, staff_user, area):
    council = OrganisationFactory(name="Blaby District Council", areas=[area])
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:engagement_create", kwargs={"code": area.code}),
        {
            "title": "Lubbesthorpe planning meeting",
            "kind": "meeting",
            "held_on": "2014-08-18",
            "organisations": [council.pk],
            "opcc_attendees": "OPCC Chief Executive",
            "issues_raised": "Section 106 contributions",
        },
    )
    engagement = Engagement.objects.get(title="Lubbesthorpe planning meeting")
    assert response.status_code == 302
    assert engagement.created_by == staff_user
    response = client.post(
        engagement.get_absolute_url(),
        {"description": "Agree negotiation plan", "owner": "PCC and Chief Constable", "due_on": "2014-10-31"},
    )
    assert response.status_code == 302
    timeline = client.get(council.get_absolute_url()).content.decode()
    assert "Lubbesthorpe planning meeting" in timeline
    assert "1 follow-up action" in timeline


def test_engagement_without_organisations_is_refused_with_a_message(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:engagement_create", kwargs={"code": area.code}),
        {"title": "Nobody", "kind": "meeting", "held_on": "2014-08-18"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Engagement.objects.filter(title="Nobody").exists()


def test_forward_plan_lists_planned_engagements_apart_from_held_ones(client, staff_user, area):
    org = OrganisationFactory(areas=[area])
    EngagementFactory(force_area=area, title="Summit ahead", planned=True, organisations=[org])
    EngagementFactory(force_area=area, title="Meeting held", organisations=[org])
    client.force_login(staff_user)
    html = client.get(reverse("partners:engagement_list", kwargs={"code": area.code})).content.decode()
    plan = html[html.index("Forward engagement plan") : html.index('id="held-heading"')]
    assert "Summit ahead" in plan
    assert "Meeting held" not in plan


def test_completing_an_action_twice_is_refused_the_second_time(area):
    action = FollowUpActionFactory(engagement=EngagementFactory(force_area=area))
    action_complete(action=action)
    with pytest.raises(InvalidTransition):
        action_complete(action=action)
    action.refresh_from_db()
    assert action.status == FollowUpAction.Status.DONE
    assert action.history.count() == 2


def test_other_area_staff_cannot_complete_an_action(client, other_area_staff, area):
    action = FollowUpActionFactory(engagement=EngagementFactory(force_area=area))
    client.force_login(other_area_staff)
    assert client.post(reverse("partners:action_complete", kwargs={"pk": action.pk})).status_code == 404
    action.refresh_from_db()
    assert action.status == FollowUpAction.Status.OPEN


def test_dashboard_shows_actions_due_and_boards_without_agreed_terms(client, staff_user, area, other_area):
    from tests.partners.factories import PartnershipFactory

    FollowUpActionFactory(
        engagement=EngagementFactory(force_area=area),
        description="Send the commissioning timetable",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    FollowUpActionFactory(engagement=EngagementFactory(force_area=other_area), description="Someone else's action")
    PartnershipFactory(force_area=area, name="Safer Communities cluster", cluster=True)
    PartnershipFactory(force_area=area, name="Agreed board", agreed=True)
    client.force_login(staff_user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Send the commissioning timetable" in html
    assert "(overdue)" in html
    assert "Someone else&#x27;s action" not in html
    assert "Safer Communities cluster" in html
    assert "Agreed board" not in html


def test_navigation_offers_partners_to_area_users_only(client, staff_user, admin_user):
    from pcc_portal.core.navigation import nav_for
    from tests.accounts.factories import UserFactory

    assert any(link["label"] == "Partners" for link in nav_for(staff_user))
    assert not any(link["label"] == "Partners" for link in nav_for(UserFactory(partner=True)))


def test_deadlines_hook_returns_actions_and_scheduled_bulletins_for_the_right_people(
    staff_user, area, other_area_staff
):
    from pcc_portal.deadlines.registry import collect_deadlines
    from tests.partners.factories import BulletinFactory

    now = timezone.now()
    action = FollowUpActionFactory(engagement=EngagementFactory(force_area=area))
    FollowUpActionFactory(engagement=EngagementFactory(force_area=area), done=True)
    bulletin = BulletinFactory(scheduled=True, force_area=area, audience=[area])
    window = {"start": now - timedelta(days=1), "end": now + timedelta(days=10)}
    keys = {d.key for d in collect_deadlines(**window, user=staff_user)}
    assert keys >= {f"partners.action:{action.pk}", f"partners.bulletin:{bulletin.pk}"}
    assert len([k for k in keys if k.startswith("partners.action")]) == 1
    assert not [d for d in collect_deadlines(**window, user=other_area_staff) if d.key.startswith("partners.")]
    everything = [d for d in collect_deadlines(**window) if d.key == f"partners.action:{action.pk}"]
    assert everything[0].due.tzinfo is not None
    assert staff_user.pk in everything[0].recipient_ids


def test_partner_attendees_must_come_from_the_organisations_present(client, staff_user, area):
    from tests.partners.factories import ContactFactory

    council = OrganisationFactory(areas=[area])
    elsewhere = OrganisationFactory(areas=[area])
    chief = ContactFactory(organisation=council, full_name="Chief Executive Person")
    stray = ContactFactory(organisation=elsewhere, full_name="Stray Person")
    client.force_login(staff_user)
    url = reverse("partners:engagement_create", kwargs={"code": area.code})
    data = {"title": "Leaders meeting", "kind": "meeting", "held_on": "2014-07-21", "organisations": [council.pk]}
    response = client.post(url, {**data, "partner_attendees": [chief.pk, stray.pk]})
    assert "Stray Person: choose their organisation too" in response.content.decode()
    assert not Engagement.objects.filter(title="Leaders meeting").exists()
    assert client.post(url, {**data, "partner_attendees": [chief.pk]}).status_code == 302
    assert list(Engagement.objects.get(title="Leaders meeting").partner_attendees.all()) == [chief]


def test_calendar_offers_bulletin_events_to_everyone_and_engagements_to_staff(staff_user, area, other_area_staff):
    from datetime import date, datetime

    from pcc_portal.deadlines.registry import LONDON, collect_calendar_events
    from tests.partners.factories import BulletinEventFactory, BulletinFactory

    bulletin = BulletinFactory(published=True, audience=[area])
    BulletinEventFactory(
        bulletin=bulletin, title="IOM conference", starts_on=date(2012, 7, 3), ends_on=date(2012, 7, 4)
    )
    EngagementFactory(force_area=area, title="Meeting with the City Mayor", held_on=date(2012, 7, 3))
    window = {"start": datetime(2012, 7, 1, tzinfo=LONDON), "end": datetime(2012, 7, 31, tzinfo=LONDON)}
    public = [e.title for e in collect_calendar_events(**window)]
    assert "IOM conference" in public
    assert "Meeting with the City Mayor" not in public
    assert "Meeting with the City Mayor" in [e.title for e in collect_calendar_events(**window, user=staff_user)]
    assert "Meeting with the City Mayor" not in [
        e.title for e in collect_calendar_events(**window, user=other_area_staff)
    ]


def test_staff_edit_an_engagement_and_others_cannot(client, staff_user, other_area_staff, area):
    org = OrganisationFactory(areas=[area])
    engagement = EngagementFactory(force_area=area, organisations=[org], title="Old title")
    url = reverse("partners:engagement_edit", kwargs={"pk": engagement.pk})
    client.force_login(other_area_staff)
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    data = {"title": "New title", "kind": "meeting", "held_on": "2014-07-14", "organisations": [org.pk]}
    assert client.post(url, data).status_code == 302
    engagement.refresh_from_db()
    assert engagement.title == "New title"


def test_engagement_log_counts_only_open_actions(client, staff_user, area):
    org = OrganisationFactory(areas=[area])
    engagement = EngagementFactory(force_area=area, organisations=[org], title="Counted meeting")
    FollowUpActionFactory(engagement=engagement)
    FollowUpActionFactory(engagement=engagement, done=True)
    client.force_login(staff_user)
    html = " ".join(
        client.get(reverse("partners:engagement_list", kwargs={"code": area.code})).content.decode().split()
    )
    row = html[html.index("Counted meeting") :]
    assert row[row.index("<td>", row.index(org.name)) :].startswith("<td>1</td>")


def test_an_administrator_is_reminded_of_the_actions_they_own_not_of_every_areas(admin_user, staff_user, area):
    from pcc_portal.deadlines.registry import collect_deadlines
    from tests.partners.factories import BulletinFactory

    now = timezone.now()
    owned = FollowUpActionFactory(engagement=EngagementFactory(force_area=area), owner_user=admin_user)
    unowned = FollowUpActionFactory(engagement=EngagementFactory(force_area=area))
    BulletinFactory(scheduled=True, force_area=area, audience=[area])
    window = {"start": now - timedelta(days=1), "end": now + timedelta(days=10)}
    mine = {d.key for d in collect_deadlines(**window, user=admin_user) if d.key.startswith("partners.")}
    assert mine == {f"partners.action:{owned.pk}"}
    staff = {d.key for d in collect_deadlines(**window, user=staff_user) if d.key.startswith("partners.action")}
    assert staff == {f"partners.action:{unowned.pk}"}


def test_engagement_log_lists_the_latest_first_and_counts_each_open_action_once_when_searched(client, staff_user, area):
    today = timezone.localdate()
    first, second = OrganisationFactory(areas=[area], name="Alpha Trust"), OrganisationFactory(areas=[area])
    older = EngagementFactory(
        force_area=area, title="Older Alpha meeting", held_on=today - timedelta(days=30), organisations=[first]
    )
    newer = EngagementFactory(
        force_area=area, title="Newer Alpha meeting", held_on=today - timedelta(days=3), organisations=[first, second]
    )
    FollowUpActionFactory.create_batch(2, engagement=newer)
    FollowUpActionFactory(engagement=older, done=True)
    client.force_login(staff_user)
    url = reverse("partners:engagement_list", kwargs={"code": area.code})
    for query in ("", "?q=alpha"):
        html = " ".join(client.get(url + query).content.decode().split())
        held = html[html.index('id="held-heading"') :]
        assert held.index("Newer Alpha meeting") < held.index("Older Alpha meeting")
        newer_row = held[held.index("Newer Alpha meeting") : held.index("Older Alpha meeting")]
        assert "<td>2</td>" in newer_row
        assert held[held.index("Older Alpha meeting") :].split("</tr>")[0].endswith("<td>0</td>")


def test_calendar_events_link_each_bulletin_event_and_engagement_in_queries_flat_in_their_number(
    staff_user, admin_user, partner_user, area, other_area, django_assert_num_queries
):
    from datetime import date, datetime

    from partners.deadlines import partner_calendar_events
    from pcc_portal.deadlines.registry import LONDON
    from tests.partners.factories import BulletinEventFactory, BulletinFactory

    window = {"start": datetime(2012, 7, 1, tzinfo=LONDON), "end": datetime(2012, 7, 31, tzinfo=LONDON)}

    def add(n: int) -> None:
        bulletin = BulletinFactory(published=True, audience=[area])
        for day in range(n):
            BulletinEventFactory(
                bulletin=bulletin,
                title=f"Event {n}-{day}",
                starts_on=date(2012, 7, 2 + day),
                ends_on=None,
                venue="Hall",
            )
            EngagementFactory(force_area=area, title=f"Meeting {n}-{day}", held_on=date(2012, 7, 2 + day))
            EngagementFactory(force_area=other_area, title=f"Elsewhere {n}-{day}", held_on=date(2012, 7, 2 + day))

    add(1)
    assert staff_user.area_ids == {area.pk}  # read once per user, as a request does before the feed
    with django_assert_num_queries(2):
        assert len(list(partner_calendar_events(**window, user=staff_user))) == 2
    add(10)
    with django_assert_num_queries(2):
        events = {e.key: e for e in partner_calendar_events(**window, user=staff_user)}
    assert len(events) == 22
    event = BulletinEventFactory._meta.model.objects.get(title="Event 10-3")
    assert events[f"partners.bulletin_event:{event.pk}"].url == event.bulletin.get_absolute_url()
    assert events[f"partners.bulletin_event:{event.pk}"].start == datetime(2012, 7, 5, 9, tzinfo=LONDON)
    assert events[f"partners.bulletin_event:{event.pk}"].end == datetime(2012, 7, 5, 17, tzinfo=LONDON)
    assert events[f"partners.bulletin_event:{event.pk}"].location == "Hall"
    meeting = Engagement.objects.get(title="Meeting 10-3")
    assert events[f"partners.engagement:{meeting.pk}"].url == meeting.get_absolute_url()
    assert events[f"partners.engagement:{meeting.pk}"].area_id == area.pk
    # An administrator sees every area's engagements; a partner none (and is not asked for them).
    assert len(list(partner_calendar_events(**window, user=admin_user))) == 33
    with django_assert_num_queries(1):
        assert len(list(partner_calendar_events(**window, user=partner_user))) == 11


def test_engagement_log_names_each_engagements_partners_by_name_in_both_lists(
    client, staff_user, other_area_staff, area
):
    from partners.selectors import partner_names_of

    zed, amber, mid = (OrganisationFactory(areas=[area], name=name) for name in ("Zed & Co", "Amber <Trust>", "Mid"))
    twin = OrganisationFactory(areas=[area], name="Mid")  # two partners of the same name: both named
    held = EngagementFactory(force_area=area, title="Held meeting", organisations=[zed, mid, amber, twin])
    planned = EngagementFactory(force_area=area, title="Planned meeting", planned=True, organisations=[zed, amber])
    alone = EngagementFactory(force_area=area, title="Nobody came")
    names = partner_names_of([held.pk, planned.pk, alone.pk])
    for engagement in (held, planned):
        assert names[engagement.pk] == [o.name for o in engagement.organisations.order_by("name")]
    assert alone.pk not in names
    url = reverse("partners:engagement_list", kwargs={"code": area.code})
    client.force_login(staff_user)
    html = client.get(url).content.decode()
    assert "Planned meeting</a> — Amber &lt;Trust&gt;, Zed &amp; Co</li>" in html
    assert "<td>Amber &lt;Trust&gt;; Mid; Mid; Zed &amp; Co</td>" in html
    client.force_login(other_area_staff)
    assert client.get(url).status_code == 404
