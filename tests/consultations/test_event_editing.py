"""Editing and deleting an event's sessions, attendees, findings and actions on portal screens."""

import pytest
from django.urls import reverse

from consultations.models import Action, Attendee, Finding, Session
from partners.models import SeniorityTier
from tests.accounts.factories import UserFactory
from tests.partners.factories import OrganisationFactory

from .factories import (
    ActionFactory,
    AttendeeFactory,
    ConsultationEventFactory,
    FindingFactory,
    SessionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(area):
    return ConsultationEventFactory(areas=[area], title="Deep Dive in Leicestershire")


@pytest.fixture
def session(event, area):
    return SessionFactory(event=event, force_area=area, title="Strategic Leaders Roundtable")


@pytest.fixture
def attendee(session, area):
    return AttendeeFactory(
        session=session, organisation=OrganisationFactory(areas=[area]), seniority=SeniorityTier.STRATEGIC_LEADER
    )


@pytest.fixture
def finding(event, session, area):
    return FindingFactory(event=event, session=session, areas=[area], text="Partners want more guidance.")


@pytest.fixture
def action(event):
    return ActionFactory(event=event, text="Publish FAQs.", status=Action.Status.IN_PROGRESS)


def _session_data(area, **extra):
    return {
        "session-title": "Panels Roundtable",
        "session-force_area": area.pk,
        "session-kind": "workshop",
        "session-audience": "panels_scrutiny",
        **extra,
    }


def _edit(name, obj):
    return reverse(f"consultations:{name}_edit", args=[obj.pk])


def _delete(name, obj):
    return reverse(f"consultations:{name}_delete", args=[obj.pk])


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["session", "attendee", "finding", "action"])
def test_event_staff_and_administrators_open_the_edit_screens(client, staff_user, admin_user, name, request):
    obj = request.getfixturevalue(name)
    for user in (staff_user, admin_user):
        client.force_login(user)
        page = client.get(_edit(name, obj))
        assert page.status_code == 200
        html = page.content.decode()
        assert f"Edit {name}" in html
        assert 'data-confirm="' in html or name == "session"


@pytest.mark.parametrize("name", ["session", "attendee", "finding", "action"])
@pytest.mark.parametrize("who", ["other_area_staff", "partner_user", "panel_member_user", "secretariat_user"])
def test_others_get_404_and_change_nothing(client, name, who, request):
    obj = request.getfixturevalue(name)
    client.force_login(request.getfixturevalue(who))
    assert client.get(_edit(name, obj)).status_code == 404
    assert client.post(_edit(name, obj), {}).status_code == 404
    assert client.post(_delete(name, obj)).status_code == 404
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("name", ["session", "attendee", "finding", "action"])
def test_visitors_are_sent_to_sign_in(client, name, request):
    obj = request.getfixturevalue(name)
    assert client.get(_edit(name, obj)).status_code == 302
    assert client.post(_delete(name, obj)).status_code == 302
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_delete_needs_a_post(client, staff_user, action):
    client.force_login(staff_user)
    assert client.get(_delete("action", action)).status_code == 405
    assert Action.objects.filter(pk=action.pk).exists()


# --- Sessions -----------------------------------------------------------------------------------


def test_staff_edit_a_session(client, staff_user, session, area):
    client.force_login(staff_user)
    response = client.post(_edit("session", session), _session_data(area, **{"session-facilitator": "Jane Doe"}))
    assert response.url == reverse("consultations:event_record", args=[session.event_id])
    session.refresh_from_db()
    assert (session.title, session.kind, session.facilitator) == ("Panels Roundtable", "workshop", "Jane Doe")
    assert session.history.first().history_user == staff_user


def test_session_without_a_title_shows_an_error_and_saves_nothing(client, staff_user, session, area):
    client.force_login(staff_user)
    page = client.post(_edit("session", session), _session_data(area, **{"session-title": ""}))
    assert page.status_code == 200
    assert "This field is required." in page.content.decode()
    session.refresh_from_db()
    assert session.title == "Strategic Leaders Roundtable"


def test_session_cannot_move_to_an_area_outside_the_event(client, staff_user, session, other_area):
    client.force_login(staff_user)
    page = client.post(_edit("session", session), _session_data(other_area))
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    session.refresh_from_db()
    assert session.title == "Strategic Leaders Roundtable"


def test_session_area_cannot_leave_its_findings_behind(client, area, other_area):
    user = UserFactory(opcc_staff=True, areas=[area, other_area])
    event = ConsultationEventFactory(areas=[area, other_area])
    session = SessionFactory(event=event, force_area=area, title="Original")
    FindingFactory(event=event, session=session, areas=[area])
    client.force_login(user)
    page = client.post(_edit("session", session), _session_data(other_area))
    assert "Change those findings" in page.content.decode()
    session.refresh_from_db()
    assert (session.title, session.force_area) == ("Original", area)


def test_deleting_a_session_deletes_its_attendees(client, staff_user, session, attendee):
    client.force_login(staff_user)
    page = client.get(_edit("session", session)).content.decode()
    assert "also deletes its 1 attendee" in page
    response = client.post(_delete("session", session), follow=True)
    assert "Session deleted." in response.content.decode()
    assert not Session.objects.filter(pk=session.pk).exists()
    assert not Attendee.objects.filter(pk=attendee.pk).exists()
    assert Session.history.filter(id=session.pk, history_type="-").exists()


def test_a_session_with_findings_is_not_deleted_and_the_screen_says_why(client, staff_user, session, finding):
    client.force_login(staff_user)
    screen = client.get(_edit("session", session)).content.decode()
    assert "This session has 1 finding. Move it to another session" in screen
    assert _delete("session", session) not in screen
    response = client.post(_delete("session", session), follow=True)
    assert "The session was not deleted. This session has 1 finding." in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()
    finding.refresh_from_db()
    assert finding.session == session


def test_moving_the_findings_away_lets_the_session_go(client, staff_user, event, session, finding, area):
    client.force_login(staff_user)
    client.post(
        _edit("finding", finding),
        {"finding-theme": finding.theme_id, "finding-session": "", "finding-areas": [area.pk], "finding-text": "x"},
    )
    client.post(_delete("session", session))
    assert not Session.objects.filter(pk=session.pk).exists()
    assert Finding.objects.filter(pk=finding.pk, session=None).exists()


# --- Attendees and the seniority-mix warning ----------------------------------------------------


def _attendee_data(attendee, **extra):
    return {
        "attendee-session": attendee.session_id,
        "attendee-organisation": attendee.organisation_id,
        "attendee-role": attendee.role,
        "attendee-seniority": attendee.seniority,
        "attendee-attended": "on",
        **extra,
    }


def test_correcting_seniority_clears_the_mix_warning(client, staff_user, event, session, attendee, area):
    other = AttendeeFactory(
        session=session, organisation=OrganisationFactory(areas=[area]), seniority=SeniorityTier.PRACTITIONER
    )
    client.force_login(staff_user)
    detail = reverse("consultations:event_detail", args=[event.pk])
    assert "mixes seniority tiers" in client.get(detail).content.decode()
    client.post(_edit("attendee", other), _attendee_data(other, **{"attendee-seniority": "strategic_leader"}))
    other.refresh_from_db()
    assert other.seniority == SeniorityTier.STRATEGIC_LEADER
    assert "mixes seniority tiers" not in client.get(detail).content.decode()
    client.post(_edit("attendee", other), _attendee_data(other, **{"attendee-seniority": "senior_manager"}))
    assert "mixes seniority tiers (senior manager, strategic leader)" in client.get(detail).content.decode()


def test_deleting_an_attendee_updates_the_warning(client, staff_user, event, session, attendee, area):
    other = AttendeeFactory(
        session=session, organisation=OrganisationFactory(areas=[area]), seniority=SeniorityTier.PRACTITIONER
    )
    client.force_login(staff_user)
    detail = reverse("consultations:event_detail", args=[event.pk])
    assert "mixes seniority tiers" in client.get(detail).content.decode()
    client.post(_delete("attendee", other))
    assert not Attendee.objects.filter(pk=other.pk).exists()
    assert "mixes seniority tiers" not in client.get(detail).content.decode()


def test_attendee_cannot_move_to_another_events_session(client, staff_user, attendee, area):
    elsewhere = SessionFactory(event=ConsultationEventFactory(areas=[area]), force_area=area)
    client.force_login(staff_user)
    page = client.post(_edit("attendee", attendee), _attendee_data(attendee, **{"attendee-session": elsewhere.pk}))
    assert "Select a valid choice" in page.content.decode()
    attendee.refresh_from_db()
    assert attendee.session_id != elsewhere.pk


def test_attendee_with_another_organisations_contact_is_refused(client, staff_user, attendee, area):
    from tests.partners.factories import ContactFactory

    stranger = ContactFactory(organisation=OrganisationFactory(areas=[area]))
    client.force_login(staff_user)
    page = client.post(_edit("attendee", attendee), _attendee_data(attendee, **{"attendee-contact": stranger.pk}))
    assert "Choose a contact of the chosen organisation." in page.content.decode()
    attendee.refresh_from_db()
    assert attendee.contact is None


# --- Findings -----------------------------------------------------------------------------------


def test_staff_edit_a_finding_and_the_report_and_counts_follow(client, staff_user, event, finding, area):
    theme = ThemeFactory(name="Allocated funding")
    FindingFactory(event=event, areas=[area], text="A second finding.")
    client.force_login(staff_user)
    response = client.post(
        _edit("finding", finding),
        {
            "finding-theme": theme.pk,
            "finding-session": finding.session_id,
            "finding-areas": [area.pk],
            "finding-text": "Partners want clearer guidance.",
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.theme, finding.text) == (theme, "Partners want clearer guidance.")
    report = client.get(reverse("consultations:event_report", args=[event.pk])).content.decode()
    assert "Partners want clearer guidance." in report
    assert "Partners want more guidance." not in report
    detail = reverse("consultations:event_detail", args=[event.pk])
    assert "2 findings recorded" in client.get(detail).content.decode()
    client.post(_delete("finding", finding))
    assert not Finding.objects.filter(pk=finding.pk).exists()
    assert "1 finding recorded" in client.get(detail).content.decode()
    assert (
        "Partners want clearer guidance."
        not in client.get(reverse("consultations:event_report", args=[event.pk])).content.decode()
    )


def test_finding_without_text_or_outside_the_sessions_area_saves_nothing(client, area, other_area):
    user = UserFactory(opcc_staff=True, areas=[area, other_area])
    event = ConsultationEventFactory(areas=[area, other_area])
    session = SessionFactory(event=event, force_area=area)
    finding = FindingFactory(event=event, session=session, areas=[area], text="Original.")
    client.force_login(user)
    data = {"finding-theme": finding.theme_id, "finding-session": session.pk, "finding-areas": [area.pk]}
    empty = client.post(_edit("finding", finding), {**data, "finding-text": ""})
    assert "This field is required." in empty.content.decode()
    wrong = client.post(_edit("finding", finding), {**data, "finding-areas": [other_area.pk], "finding-text": "New."})
    assert f"Include {area.name}" in wrong.content.decode()
    finding.refresh_from_db()
    assert finding.text == "Original."
    assert list(finding.areas.all()) == [area]


# --- Actions ------------------------------------------------------------------------------------


def test_staff_edit_an_action_and_its_status_is_kept(client, staff_user, action):
    client.force_login(staff_user)
    response = client.post(
        _edit("action", action),
        {
            "action-responsible": "home_office",
            "action-heading": "Information",
            "action-text": "Publish the FAQs by March.",
            "action-owner": "Home Office",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.responsible, action.heading, action.text) == (
        "home_office",
        "Information",
        "Publish the FAQs by March.",
    )
    assert action.status == Action.Status.IN_PROGRESS
    assert action.history.first().history_user == staff_user


def test_action_without_text_shows_an_error_and_saves_nothing(client, staff_user, action):
    client.force_login(staff_user)
    page = client.post(_edit("action", action), {"action-responsible": "home_office", "action-text": ""})
    assert page.status_code == 200
    assert "This field is required." in page.content.decode()
    action.refresh_from_db()
    assert (action.responsible, action.text) == ("local_partners", "Publish FAQs.")


def test_staff_delete_an_action(client, staff_user, action):
    client.force_login(staff_user)
    response = client.post(_delete("action", action), follow=True)
    assert "Action deleted." in response.content.decode()
    assert not Action.objects.filter(pk=action.pk).exists()


# --- The record page lists everything with its edit link ----------------------------------------


def test_record_page_links_each_entry_to_its_edit_screen(client, staff_user, event, session, attendee, finding, action):
    client.force_login(staff_user)
    page = client.get(reverse("consultations:event_record", args=[event.pk])).content.decode()
    for name, obj in (("session", session), ("attendee", attendee), ("finding", finding), ("action", action)):
        assert _edit(name, obj) in page


@pytest.mark.parametrize("rows", [1, 20])
def test_record_page_queries_do_not_grow_with_rows(
    client, staff_user, event, area, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        session = SessionFactory(event=event, force_area=area)
        AttendeeFactory(session=session, organisation=OrganisationFactory(areas=[area]))
        FindingFactory(event=event, session=session, areas=[area])
        ActionFactory(event=event)
    client.force_login(staff_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("consultations:event_record", args=[event.pk])).status_code == 200


def test_report_area_counts_and_event_list_counts_follow_edits(client, area, other_area):
    user = UserFactory(opcc_staff=True, areas=[area, other_area])
    event = ConsultationEventFactory(areas=[area, other_area])
    theme = ThemeFactory(name="Allocated funding")
    finding = FindingFactory(event=event, theme=theme, areas=[area], text="Funding is unclear.")
    FindingFactory(event=event, theme=theme, areas=[area], text="Funding is late.")
    client.force_login(user)
    report_url = reverse("consultations:event_report", args=[event.pk])
    assert "Raised in 1 of 2 areas" in client.get(report_url).content.decode()
    client.post(
        _edit("finding", finding),
        {"finding-theme": theme.pk, "finding-areas": [area.pk, other_area.pk], "finding-text": "Funding is unclear."},
    )
    assert "Raised in 2 of 2 areas" in client.get(report_url).content.decode()
    client.post(_delete("finding", finding))
    assert "Raised in 1 of 2 areas" in client.get(report_url).content.decode()
    listing = client.get(reverse("consultations:event_list")).context["events"]
    assert [e.finding_count for e in listing if e.pk == event.pk] == [1]


def test_services_refuse_staff_of_another_area(other_area_staff, session, attendee, finding, action):
    from django.core.exceptions import PermissionDenied

    from consultations import services

    calls = [
        lambda: services.session_update(session=session, user=other_area_staff),
        lambda: services.session_delete(session=session, user=other_area_staff),
        lambda: services.attendee_update(attendee=attendee, user=other_area_staff),
        lambda: services.attendee_delete(attendee=attendee, user=other_area_staff),
        lambda: services.finding_update(finding=finding, user=other_area_staff, areas=list(finding.areas.all())),
        lambda: services.finding_delete(finding=finding, user=other_area_staff),
        lambda: services.action_update(action=action, user=other_area_staff),
        lambda: services.action_delete(action=action, user=other_area_staff),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert Session.objects.filter(pk=session.pk).exists()
    assert Attendee.objects.filter(pk=attendee.pk).exists()
    assert Finding.objects.filter(pk=finding.pk).exists()
    assert Action.objects.filter(pk=action.pk).exists()


def test_event_page_links_managers_to_the_edit_screens(client, staff_user, panel_member_user, event, session, action):
    client.force_login(staff_user)
    page = client.get(event.get_absolute_url()).content.decode()
    assert _edit("session", session) in page
    assert _edit("action", action) in page
    client.force_login(panel_member_user)
    page = client.get(event.get_absolute_url()).content.decode()
    assert _edit("session", session) not in page
    assert _edit("action", action) not in page


@pytest.mark.parametrize("rows", [1, 20])
def test_findings_report_queries_do_not_grow_with_rows(
    client, staff_user, event, area, rows, django_assert_max_num_queries
):
    for n in range(rows):
        session = SessionFactory(event=event, force_area=area)
        AttendeeFactory(session=session, organisation=OrganisationFactory(areas=[area]))
        FindingFactory(event=event, session=session, areas=[area], text=f"Finding {n}: *partners* said so.")
        ActionFactory(event=event)
    client.force_login(staff_user)
    with django_assert_max_num_queries(11):
        page = client.get(reverse("consultations:event_report", args=[event.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<em>partners</em> said so.") == rows
