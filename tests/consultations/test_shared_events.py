"""A programme shared by several areas: an edit keeps what the editor cannot see, and each
area's staff see only their own part of it on the programme page."""

import pytest
from django.urls import reverse

from consultations.models import ConsultationEvent
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.html_forms import form_as_posted
from tests.partners.factories import ContactFactory, OrganisationFactory

from .factories import (
    ActionFactory,
    AttendeeFactory,
    ConsultationEventFactory,
    ConsultationFactory,
    FindingFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_areas(area, other_area):
    return [
        area,
        other_area,
        ForceAreaFactory(name="South Wales", code="south-wales", wales=True),
        ForceAreaFactory(name="West Yorkshire", code="west-yorkshire"),
    ]


@pytest.fixture
def programme(four_areas):
    return ConsultationEventFactory(areas=four_areas, title="Police and Crime Commissioners: Deep Dives")


@pytest.fixture
def children(programme, area, other_area):
    leicestershire = ConsultationEventFactory(areas=[area], parent=programme, title="Deep Dive in Leicestershire")
    session = SessionFactory(event=leicestershire, force_area=area, title="Leicester Strategic Leaders Roundtable")
    AttendeeFactory(session=session, organisation=OrganisationFactory(name="Leicester City Council", areas=[area]))
    FindingFactory(event=leicestershire, session=session, areas=[area])
    ActionFactory(event=leicestershire, text="Publish the Leicestershire partnership FAQs.")

    west_midlands = ConsultationEventFactory(areas=[other_area], parent=programme, title="Deep Dive in West Midlands")
    session = SessionFactory(event=west_midlands, force_area=other_area, title="Birmingham Panels Roundtable")
    AttendeeFactory(
        session=session, organisation=OrganisationFactory(name="Birmingham City Council", areas=[other_area])
    )
    ActionFactory(event=west_midlands, text="Agree the West Midlands panel's work plan.")
    return leicestershire, west_midlands


def _save_unchanged(client, url, **changes):
    data = form_as_posted(client.get(url).content.decode())
    data.update(changes)
    return client.post(url, data)


# --- Item 6: an edit never removes what the editor cannot see ------------------------------------


def test_saving_a_shared_event_unchanged_keeps_the_other_areas(client, staff_user, programme, four_areas):
    client.force_login(staff_user)
    url = reverse("consultations:event_edit", args=[programme.pk])
    page = client.get(url).content.decode()
    assert "Also held in South Wales, West Midlands, West Yorkshire" in page
    assert f'value="{four_areas[1].pk}"' not in page  # West Midlands is not offered to Leicestershire staff

    response = _save_unchanged(client, url, title=["Deep Dives (revised)"])

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Deep Dives (revised)"
    assert set(programme.force_areas.all()) == set(four_areas)
    west_yorkshire_staff = UserFactory(opcc_staff=True, areas=[four_areas[3]])
    client.force_login(west_yorkshire_staff)
    assert client.get(programme.get_absolute_url()).status_code == 200


def test_staff_cannot_add_an_area_they_do_not_work_in(client, staff_user, area, other_area):
    event = ConsultationEventFactory(areas=[area])
    client.force_login(staff_user)
    url = reverse("consultations:event_edit", args=[event.pk])
    response = _save_unchanged(client, url, force_areas=[str(area.pk), str(other_area.pk)])
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert list(event.force_areas.all()) == [area]


def test_staff_of_two_areas_may_remove_one_of_theirs_and_keep_the_others(client, programme, four_areas):
    leicestershire, west_midlands = four_areas[:2]
    user = UserFactory(opcc_staff=True, areas=[leicestershire, west_midlands])
    client.force_login(user)
    url = reverse("consultations:event_edit", args=[programme.pk])
    _save_unchanged(client, url, force_areas=[str(leicestershire.pk)])
    assert set(programme.force_areas.all()) == {leicestershire, *four_areas[2:]}


def test_administrator_sees_every_area_and_may_remove_one(client, admin_user, programme, four_areas):
    client.force_login(admin_user)
    url = reverse("consultations:event_edit", args=[programme.pk])
    _save_unchanged(client, url, force_areas=[str(a.pk) for a in four_areas[:3]])
    assert set(programme.force_areas.all()) == set(four_areas[:3])


def test_saving_a_consultation_unchanged_keeps_organisations_the_editor_was_not_offered(
    client, staff_user, area, other_area
):
    local = OrganisationFactory(name="Voluntary Action Leicestershire", areas=[area])
    elsewhere = OrganisationFactory(name="Nottinghamshire Fire and Rescue", areas=[other_area])
    closed_down = OrganisationFactory(name="Leicestershire Probation Trust", areas=[area], is_active=False)
    consultation = ConsultationFactory(force_area=area, draft=True, invited=[local, elsewhere, closed_down])
    client.force_login(staff_user)

    response = _save_unchanged(client, reverse("consultations:edit", args=[consultation.pk]))

    assert response.status_code == 302
    assert set(consultation.invited_organisations.all()) == {local, elsewhere, closed_down}


def test_unticking_an_offered_organisation_still_removes_it(client, staff_user, area, other_area):
    local = OrganisationFactory(name="Voluntary Action Leicestershire", areas=[area])
    dropped = OrganisationFactory(name="Leicestershire County Council", areas=[area])
    elsewhere = OrganisationFactory(name="Nottinghamshire Fire and Rescue", areas=[other_area])
    consultation = ConsultationFactory(force_area=area, draft=True, invited=[local, dropped, elsewhere])
    client.force_login(staff_user)
    url = reverse("consultations:edit", args=[consultation.pk])
    response = _save_unchanged(client, url, invited_organisations=[str(local.pk)])
    assert response.status_code == 302
    assert set(consultation.invited_organisations.all()) == {local, elsewhere}


# --- Item 7: the programme page lists only what the user may open --------------------------------


def test_other_area_staff_see_only_their_own_sessions_on_the_programme_page(
    client, other_area_staff, programme, children
):
    leicestershire = children[0]
    client.force_login(other_area_staff)
    assert client.get(leicestershire.get_absolute_url()).status_code == 404

    page = client.get(programme.get_absolute_url()).content.decode()

    assert "Birmingham Panels Roundtable" in page
    assert "Birmingham City Council" in page
    assert "Agree the West Midlands panel" in page
    assert "Deep Dive in West Midlands" in page
    for hidden in (
        "Leicester Strategic Leaders Roundtable",
        "Leicester City Council",
        "Publish the Leicestershire partnership FAQs",
        "Deep Dive in Leicestershire",
    ):
        assert hidden not in page
    assert "0 findings recorded across the programme" in page


def test_leicestershire_staff_see_leicestershire_and_not_west_midlands(client, staff_user, programme, children):
    client.force_login(staff_user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Leicester Strategic Leaders Roundtable" in page
    assert "Leicester City Council" in page
    assert "1 finding recorded across the programme" in page
    assert "Birmingham" not in page
    assert "Deep Dive in West Midlands" not in page


def test_panel_member_of_another_area_sees_only_their_area(client, other_area, programme, children):
    client.force_login(UserFactory(panel_member=True, areas=[other_area]))
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Birmingham Panels Roundtable" in page
    assert "Leicester" not in page.replace("Leicestershire,", "").replace("Leicestershire<", "")


def test_administrator_sees_the_whole_programme(client, admin_user, programme, children):
    client.force_login(admin_user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Leicester Strategic Leaders Roundtable" in page
    assert "Birmingham Panels Roundtable" in page


def test_partner_user_of_another_organisation_gets_404(client, other_area, programme, children):
    partner = UserFactory(partner=True, areas=[other_area])
    ContactFactory(user=partner, organisation=OrganisationFactory(name="Birmingham Voluntary Service Council"))
    client.force_login(partner)
    for event in (programme, *children):
        assert client.get(event.get_absolute_url()).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, programme):
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 302
    assert "/login" in response["Location"] or "sign" in response["Location"]
    assert ConsultationEvent.objects.filter(pk=programme.pk).exists()


def test_programme_page_query_count_is_flat_in_child_events(client, other_area_staff, programme, area, other_area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for _ in range(n):
            for event_area in (area, other_area):
                child = ConsultationEventFactory(areas=[event_area], parent=programme)
                session = SessionFactory(event=child, force_area=event_area)
                AttendeeFactory(session=session, organisation=OrganisationFactory(areas=[event_area]))
                ActionFactory(event=child)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(programme.get_absolute_url()).status_code == 200
        return len(context)

    client.force_login(other_area_staff)
    add(1)
    at_one = count()
    add(19)
    at_twenty = count()
    assert at_one == at_twenty <= 15
    # Twenty West Midlands sessions, none of the twenty in Leicestershire.
    assert client.get(programme.get_absolute_url()).content.decode().count('aria-labelledby="session-') == 20
