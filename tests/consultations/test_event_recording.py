import pytest
from django.urls import reverse

from consultations.models import Action, Attendee, ConsultationEvent, Finding, Session, Theme
from partners.models import SeniorityTier
from tests.partners.factories import ContactFactory, OrganisationFactory

from .factories import ConsultationEventFactory, SessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _event_data(*areas, **extra):
    return {
        "title": "Deep Dive in Leicestershire",
        "force_areas": [a.pk for a in areas],
        "starts_on": "2011-11-14",
        "ends_on": "2011-11-17",
        "organiser": "Leicestershire Police Authority",
        "purpose": "Map out the issues.",
        **extra,
    }


def test_staff_records_an_event_in_their_area(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(reverse("consultations:event_create"), _event_data(area))
    event = ConsultationEvent.objects.get()
    assert response.url == event.get_absolute_url()
    assert list(event.force_areas.all()) == [area]
    assert event.created_by == staff_user


def test_staff_cannot_record_an_event_in_another_area(client, staff_user, other_area):
    client.force_login(staff_user)
    response = client.post(reverse("consultations:event_create"), _event_data(other_area))
    assert response.status_code == 200
    assert not ConsultationEvent.objects.exists()


def test_event_ending_before_it_starts_is_refused(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(reverse("consultations:event_create"), _event_data(area, ends_on="2011-11-01"))
    assert "cannot end before it starts" in response.content.decode()
    assert not ConsultationEvent.objects.exists()


@pytest.mark.parametrize("role", ["partner", "panel_member", "panel_secretariat"])
def test_only_staff_record_events(client, area, role):
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory(role=role, areas=[area]))
    assert client.get(reverse("consultations:event_create")).status_code == 403


def test_staff_adds_session_attendee_finding_and_action(client, staff_user, area):
    event = ConsultationEventFactory(areas=[area])
    organisation = OrganisationFactory(areas=[area])
    contact = ContactFactory(organisation=organisation, seniority=SeniorityTier.PRACTITIONER)
    theme = ThemeFactory(name="Transition boards")
    client.force_login(staff_user)

    client.post(
        reverse("consultations:session_add", args=[event.pk]),
        {
            "session-title": "Strategic Leaders Roundtable",
            "session-force_area": area.pk,
            "session-kind": "roundtable",
            "session-audience": "strategic_leaders",
        },
    )
    session = Session.objects.get()
    client.post(
        reverse("consultations:attendee_add", args=[event.pk]),
        {
            "attendee-session": session.pk,
            "attendee-organisation": organisation.pk,
            "attendee-contact": contact.pk,
            "attendee-attended": "on",
        },
    )
    attendee = Attendee.objects.get()
    assert attendee.seniority == SeniorityTier.PRACTITIONER  # taken from the contact
    client.post(
        reverse("consultations:finding_add", args=[event.pk]),
        {
            "finding-theme": theme.pk,
            "finding-session": session.pk,
            "finding-areas": [area.pk],
            "finding-text": "More guidance.",
        },
    )
    finding = Finding.objects.get()
    assert finding.session == session
    client.post(
        reverse("consultations:action_add", args=[event.pk]),
        {"action-responsible": "home_office", "action-text": "Publish FAQs.", "action-owner": "Home Office"},
    )
    assert Action.objects.get().status == Action.Status.OPEN
    report = client.get(reverse("consultations:event_report", args=[event.pk])).content.decode()
    assert "More guidance." in report
    assert "Publish FAQs." in report


def test_contact_of_another_organisation_is_refused(client, staff_user, area):
    event = ConsultationEventFactory(areas=[area])
    session = SessionFactory(event=event)
    organisation = OrganisationFactory(areas=[area])
    stranger = ContactFactory(organisation=OrganisationFactory(areas=[area]))
    client.force_login(staff_user)
    page = client.post(
        reverse("consultations:attendee_add", args=[event.pk]),
        {"attendee-session": session.pk, "attendee-organisation": organisation.pk, "attendee-contact": stranger.pk},
        follow=True,
    )
    assert "Choose a contact of the chosen organisation." in page.content.decode()
    assert not Attendee.objects.exists()


def test_finding_must_include_the_sessions_area(client, staff_user, area, other_area):
    from tests.accounts.factories import UserFactory

    user = UserFactory(opcc_staff=True, areas=[area, other_area])
    event = ConsultationEventFactory(areas=[area, other_area])
    session = SessionFactory(event=event, force_area=area)
    client.force_login(user)
    page = client.post(
        reverse("consultations:finding_add", args=[event.pk]),
        {
            "finding-theme": ThemeFactory().pk,
            "finding-session": session.pk,
            "finding-areas": [other_area.pk],
            "finding-text": "Misplaced.",
        },
        follow=True,
    )
    assert f"Include {area.name}" in page.content.decode()
    assert not Finding.objects.exists()


def test_record_page_is_for_the_events_staff_only(client, staff_user, other_area_staff, panel_member_user, area):
    event = ConsultationEventFactory(areas=[area])
    url = reverse("consultations:event_record", args=[event.pk])
    client.force_login(staff_user)
    assert client.get(url).status_code == 200
    for user in (other_area_staff, panel_member_user):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_other_area_staff_cannot_add_to_an_event(client, other_area_staff, area):
    event = ConsultationEventFactory(areas=[area])
    client.force_login(other_area_staff)
    response = client.post(
        reverse("consultations:action_add", args=[event.pk]), {"action-responsible": "home_office", "action-text": "x"}
    )
    assert response.status_code == 404
    assert not Action.objects.exists()


def test_staff_extend_the_theme_list(client, staff_user, partner_user):
    client.force_login(staff_user)
    client.post(reverse("consultations:theme_add"), {"theme-group": "Partnership issues", "theme-name": "Health"})
    assert Theme.objects.filter(group="Partnership issues", name="Health").exists()
    again = client.post(
        reverse("consultations:theme_add"), {"theme-group": "Partnership issues", "theme-name": "Health"}, follow=True
    )
    assert "already exists" in again.content.decode()
    client.force_login(partner_user)
    refused = client.post(reverse("consultations:theme_add"), {"theme-group": "X", "theme-name": "Y"})
    assert refused.status_code == 404
    assert not Theme.objects.filter(name="Y").exists()


def test_seed_themes_follow_the_deep_dives_report():
    keys = list(Theme.objects.order_by("position").values_list("name", flat=True))
    assert keys[:3] == ["Formation of panels", "Role and procedure of panels", "Allocated funding"]
    assert "Wales-specific points" in keys
