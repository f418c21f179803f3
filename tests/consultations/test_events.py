import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from consultations.models import Action, ConsultationEvent, Session
from partners.models import SeniorityTier
from pcc_portal.accounts.models import ForceArea
from tests.accounts.factories import UserFactory
from tests.partners.factories import ContactFactory
from tests.pdf_fetch import get_pdf

from .factories import (
    ActionFactory,
    AttendeeFactory,
    ConsultationEventFactory,
    FindingFactory,
    SessionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    return ConsultationEvent.objects.get(parent=None, title__startswith="Police and Crime Commissioners")


def test_demo_findings_report_pdf_shows_the_four_areas_session_types_and_findings_by_theme(client, demo):
    admin = UserFactory(administrator=True)
    client.force_login(admin)
    response = get_pdf(client, reverse("consultations:event_report_pdf", args=[demo.pk]))
    assert response.status_code == 200
    text = " ".join(_pdf_text(response).split())
    for area in ("West Midlands", "West Yorkshire", "South Wales", "Leicestershire"):
        assert area in text
    for kind in ("Roundtable", "Workshop", "One-to-one interview", "Feedback session"):
        assert kind in text
    for heading in (
        "Police and Crime Panels",
        "Formation of panels",
        "Role and procedure of panels",
        "Allocated funding",
        "Wales-specific points",
        "Partnerships and the criminal justice system",
        "Community safety funding and commissioning",
        "Vulnerable and priority groups",
        "Information for partnerships",
        "Overall impressions of readiness",
    ):
        assert heading in text
    # Findings from 001 and 000 under their themes, with how many areas raised each theme.
    assert "Achieving a political and geographical balance was considered to be a major challenge" in text
    assert "Participants were unhappy at some of the terminology" in text
    assert "Raised in 4 of 4 areas" in text
    assert "Raised in 1 of 4 areas: South Wales" in text
    assert "What does the Home Office need to do?" in text
    assert "What do local partners need to do?" in text
    assert "Executive summary" in text


def test_demo_report_page_numbers_paragraphs_in_order(client, demo):
    client.force_login(UserFactory(administrator=True))
    page = client.get(reverse("consultations:event_report", args=[demo.pk]))
    report = page.context["report"]
    numbers = [p.number for p in report["summary"].paragraphs + report["method"].paragraphs]
    for group in report["theme_groups"]:
        for sub in group.subsections:
            numbers += [p.number for p in sub.paragraphs]
    for section in report["action_sections"]:
        numbers += [p.number for p in section.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(report["areas"]) == 4
    assert set(report["session_kinds"]) == set(Session.Kind.values)


def test_demo_loads_twice_without_duplicates(demo, settings):
    counts = (ConsultationEvent.objects.count(), demo.findings.count(), Action.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (ConsultationEvent.objects.count(), demo.findings.count(), Action.objects.count()) == counts
    assert ConsultationEvent.objects.filter(parent=demo).count() == 4


def test_session_mixing_seniority_tiers_shows_a_warning(client, staff_user, area):
    event = ConsultationEventFactory(areas=[area])
    mixed = SessionFactory(event=event, title="Collaboration roundtable")
    AttendeeFactory(session=mixed, seniority=SeniorityTier.STRATEGIC_LEADER)
    AttendeeFactory(session=mixed, seniority=SeniorityTier.PRACTITIONER)
    parity = SessionFactory(event=event, title="Strategic leaders")
    AttendeeFactory.create_batch(2, session=parity, seniority=SeniorityTier.STRATEGIC_LEADER)
    client.force_login(staff_user)
    page = client.get(event.get_absolute_url())
    sessions = {s.title: s for s in page.context["sessions"]}
    assert "mixes seniority tiers (practitioner, strategic leader)" in sessions["Collaboration roundtable"].tier_warning
    assert sessions["Strategic leaders"].tier_warning == ""
    assert page.content.decode().count("mixes seniority tiers") == 1


def test_event_page_words_each_attendee_and_links_each_session_and_action(client, staff_user, panel_member_user, area):
    event = ConsultationEventFactory(areas=[area])
    session = SessionFactory(event=event, title="Roundtable")
    named = AttendeeFactory(session=session, name="Pat <Jones>", role="Chief Executive", attended=False)
    contact = ContactFactory(full_name="Sam Lee", organisation=named.organisation)
    AttendeeFactory(session=session, contact=contact, organisation=named.organisation, role="", seniority="")
    AttendeeFactory(session=session, role="", seniority="practitioner")
    action = ActionFactory(event=event)
    client.force_login(staff_user)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<td>Pat &lt;Jones&gt;, Chief Executive</td><td>Strategic leader</td><td>Invited only</td>" in page
    assert "<td>Sam Lee</td><td>Not recorded</td><td>Attended</td>" in page
    assert "<td>Representative</td><td>Practitioner</td><td>Attended</td>" in page
    assert f'href="{reverse("consultations:session_edit", args=[session.pk])}"' in page
    assert f'href="{reverse("consultations:action_edit", args=[action.pk])}"' in page
    assert f'action="{reverse("consultations:action_status", args=[action.pk])}"' in page
    # A panel member of the area reads the same rows without the links to change them.
    client.force_login(panel_member_user)
    read_only = client.get(event.get_absolute_url()).content.decode()
    assert "<td>Sam Lee</td><td>Not recorded</td><td>Attended</td>" in read_only
    assert reverse("consultations:session_edit", args=[session.pk]) not in read_only
    assert reverse("consultations:action_status", args=[action.pk]) not in read_only


def test_event_page_lists_each_sessions_attendees_as_their_models_word_them(client, staff_user, area, other_area):
    """The attendees are read as rows: each table is what the attendee models (display_name, seniority) wrote."""
    from consultations.models import Attendee
    from tests.partners.factories import OrganisationFactory

    parent = ConsultationEventFactory(areas=[area], title="Programme")
    child = ConsultationEventFactory(areas=[area, other_area], parent=parent, title="Child event")
    zebra, acorn = OrganisationFactory(name="Zebra & Co"), OrganisationFactory(name="Acorn <Trust>")
    for n, event in enumerate([parent, child, parent]):
        session = SessionFactory(event=event, title=f"Session {n}")
        AttendeeFactory(session=session, organisation=zebra, name="", role="", seniority="", attended=False)
        AttendeeFactory(session=session, organisation=acorn, contact=ContactFactory(full_name="Sam <Lee>"),
                        role="Chair" if n else "", seniority="senior_manager")  # fmt: skip
        AttendeeFactory(session=session, organisation=acorn, name="Pat", role="", seniority="strategic_leader")
        AttendeeFactory(session=session, organisation=zebra, name="", role="Clerk", attended=n == 1)
    SessionFactory(event=parent, title="Nobody came")
    client.force_login(staff_user)
    page = client.get(parent.get_absolute_url())
    html = page.content.decode()
    for session in page.context["sessions"]:
        expected = []
        for a in Attendee.objects.filter(session_id=session.pk).select_related("organisation", "contact"):
            who = f"{a.display_name}, {a.role}" if a.role else a.display_name
            who = who if (a.contact or a.name) else (a.role or "Representative")
            expected.append(f"<tr><td>{escape(a.organisation.name)}</td><td>{escape(who)}</td>"
                            f"<td>{a.get_seniority_display() or 'Not recorded'}</td>"
                            f"<td>{'Attended' if a.attended else 'Invited only'}</td></tr>")  # fmt: skip
        if expected:
            assert f"<tbody>{''.join(expected)}</tbody>" in html, session.title
            assert "(senior manager, strategic leader)" in session.tier_warning
        else:
            assert session.attendee_list == [] and session.tier_warning == ""
    assert len(page.context["sessions"]) == 4 and html.count("mixes seniority tiers") == 3


def test_report_counts_the_areas_that_raised_each_theme(client, staff_user, area, other_area):
    event = ConsultationEventFactory(areas=[area, other_area])
    theme = ThemeFactory(group="Communications", name="Information for partnerships")
    FindingFactory(event=event, theme=theme, areas=[area])
    FindingFactory(event=event, theme=theme, areas=[area, other_area])
    lonely = ThemeFactory(group="Wales", name="Wales-specific points")
    FindingFactory(event=event, theme=lonely, areas=[other_area])
    client.force_login(staff_user)
    text = client.get(reverse("consultations:event_report", args=[event.pk])).content.decode()
    assert "Raised in 2 of 2 areas: Leicestershire and West Midlands." in text
    assert "Raised in 1 of 2 areas: West Midlands." in text


def test_events_are_invisible_to_partners_and_other_areas(client, partner_user, other_area_staff, area):
    event = ConsultationEventFactory(areas=[area])
    for user in (partner_user, other_area_staff):
        client.force_login(user)
        assert client.get(event.get_absolute_url()).status_code == 404
        assert get_pdf(client, reverse("consultations:event_report_pdf", args=[event.pk])).status_code == 404
        assert event.title not in client.get(reverse("consultations:event_list")).content.decode()


def test_panel_member_of_the_area_reads_the_event_but_cannot_change_actions(client, panel_member_user, area):
    event = ConsultationEventFactory(areas=[area])
    action = ActionFactory(event=event)
    client.force_login(panel_member_user)
    assert client.get(event.get_absolute_url()).status_code == 200
    assert client.post(reverse("consultations:action_status", args=[action.pk]), {"status": "done"}).status_code == 404
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_staff_moves_an_action_through_allowed_statuses_only(client, staff_user, area):
    action = ActionFactory(event=ConsultationEventFactory(areas=[area]))
    client.force_login(staff_user)
    client.post(reverse("consultations:action_status", args=[action.pk]), {"status": "in_progress"})
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS
    client.post(reverse("consultations:action_status", args=[action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    page = client.post(reverse("consultations:action_status", args=[action.pk]), {"status": "open"}, follow=True)
    assert "cannot become open" in page.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert action.history.count() == 3


def test_feedback_summary_is_emailed_once_to_each_participant(
    client, staff_user, area, django_capture_on_commit_callbacks
):
    event = ConsultationEventFactory(areas=[area], feedback_summary="Thank you: **three** key points.")
    session = SessionFactory(event=event)
    first = ContactFactory(email="one@partner.example.org")
    second = ContactFactory(email="two@partner.example.org")
    AttendeeFactory(session=session, organisation=first.organisation, contact=first)
    AttendeeFactory(session=session, organisation=second.organisation, contact=second)
    AttendeeFactory(session=session, contact=ContactFactory(email="absent@partner.example.org"), attended=False)
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("consultations:event_feedback", args=[event.pk]), follow=True)
    assert "being sent to 2 participants" in page.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["one@partner.example.org", "two@partner.example.org"]
    assert "three" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultations:event_feedback", args=[event.pk]))
    assert len(mail.outbox) == 2


def test_feedback_needs_a_summary(client, staff_user, area):
    event = ConsultationEventFactory(areas=[area])
    client.force_login(staff_user)
    page = client.post(reverse("consultations:event_feedback", args=[event.pk]), follow=True)
    assert "Write the feedback summary" in page.content.decode()


def test_event_list_query_count_is_constant(client, staff_user, area, django_assert_max_num_queries):
    client.force_login(staff_user)
    url = reverse("consultations:event_list")
    ConsultationEventFactory(areas=[area])
    with django_assert_max_num_queries(10):
        client.get(url)
    ConsultationEventFactory.create_batch(19, areas=[area])
    with django_assert_max_num_queries(10):
        client.get(url)


def test_event_page_query_count_is_constant_in_sessions(client, staff_user, area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = ConsultationEventFactory(areas=[area])
    client.force_login(staff_user)
    report_url = reverse("consultations:event_report", args=[event.pk])

    def add(n):
        for _ in range(n):
            session = SessionFactory(event=event)
            AttendeeFactory(session=session)
            FindingFactory(event=event, session=session)

    def count(url) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    add(1)
    at_one = (count(event.get_absolute_url()), count(report_url))
    add(19)
    at_twenty = (count(event.get_absolute_url()), count(report_url))
    assert at_one == at_twenty
    assert at_twenty[0] <= 16
    assert at_twenty[1] <= 15


def test_west_midlands_staff_see_the_programme_through_their_area(client, demo):
    user = UserFactory(opcc_staff=True, areas=[ForceArea.objects.get(code="west-midlands")])
    client.force_login(user)
    assert client.get(demo.get_absolute_url()).status_code == 200
    leicestershire = demo.children.get(title="Deep Dive in Leicestershire")
    assert client.get(leicestershire.get_absolute_url()).status_code == 404
    page = client.get(demo.get_absolute_url()).content.decode()
    assert f'href="{leicestershire.get_absolute_url()}"' not in page
    west_midlands = demo.children.get(title="Deep Dive in West Midlands")
    assert f'href="{west_midlands.get_absolute_url()}"' in page
