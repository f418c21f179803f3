"""Entering panel business through the portal: agenda items, reports, members, complaints."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from panels.models import AgendaItem, AgendaReport, Complaint, Membership
from tests.accounts.factories import UserFactory
from tests.panels.factories import AgendaItemFactory, MeetingFactory, PanelFactory
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


@pytest.fixture
def meeting(panel):
    return MeetingFactory(panel=panel)


def _paragraph_data(rows: list[dict]) -> dict:
    data = {
        "paragraphs-TOTAL_FORMS": str(len(rows)),
        "paragraphs-INITIAL_FORMS": "0",
        "paragraphs-MIN_NUM_FORMS": "0",
        "paragraphs-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"paragraphs-{i}-{name}"] = value
    return data


REPORT_FIELDS = {
    "report-report_of": "POLICE AND CRIME COMMISSIONER",
    "report-report_date": "2014-09-29",
    "report-subject": "PARTNERSHIPS UPDATE REPORT",
    "report-author": "CHIEF EXECUTIVE",
    "report-financial_implications": "No new financial implications.",
    "report-contact_name": "Paul Stock",
}


def test_secretariat_adds_an_exempt_agenda_item(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("panels:agenda_item_create", kwargs={"pk": meeting.pk})
    data = {"number": 6, "title": "Staffing review", "kind": "report", "is_exempt": "on", "exempt_paragraph": "1"}
    response = client.post(url, data)
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, number=6)
    assert (item.is_exempt, item.get_exempt_paragraph_display()) == (
        True,
        "Paragraph 1: information relating to any individual",
    )


def test_duplicate_item_number_is_explained_and_nothing_saved(client, meeting, secretariat_user):
    AgendaItemFactory(meeting=meeting, number=5)
    client.force_login(secretariat_user)
    url = reverse("panels:agenda_item_create", kwargs={"pk": meeting.pk})
    response = client.post(url, {"number": 5, "title": "Another", "kind": "report"})
    assert response.status_code == 200
    assert "already exists" in response.text
    assert meeting.agenda_items.count() == 1


def test_other_areas_secretariat_cannot_add_items(client, meeting, other_area):
    client.force_login(UserFactory(panel_secretariat=True, areas=[other_area]))
    assert client.get(reverse("panels:agenda_item_create", kwargs={"pk": meeting.pk})).status_code == 404


def test_opcc_staff_write_a_report_with_lettered_list(client, meeting, staff_user):
    item = AgendaItemFactory(meeting=meeting, number=5)
    client.force_login(staff_user)
    data = REPORT_FIELDS | _paragraph_data(
        [
            {"section_heading": "Purpose of Report", "text": "To present an update.", "ORDER": "1"},
            {
                "section_heading": "Background",
                "heading": "Local Authority Relationships",
                "text": "Several themes:\n(a) strengthening relationships;\n(b) working with the Force;",
                "ORDER": "2",
            },
        ]
    )
    response = client.post(reverse("panels:agenda_report_edit", kwargs={"pk": item.pk}), data)
    assert response.status_code == 302
    report = AgendaReport.objects.get(agenda_item=item)
    page = client.get(response["Location"]).text
    assert "Agenda Item 5" in page
    assert "Local Authority Relationships" in page
    assert '<li><span class="list-marker">(a)</span> strengthening relationships;</li>' in page
    assert [p.position for p in report.paragraphs.all()] == [1, 2]


def test_a_paragraph_emptied_of_every_word_is_explained_and_nothing_saved(client, meeting, staff_user):
    item = AgendaItemFactory(meeting=meeting, number=5)
    client.force_login(staff_user)
    data = REPORT_FIELDS | _paragraph_data([{"text": "One.", "ORDER": "1"}, {"heading": " ", "ORDER": "2"}])
    data["paragraphs-1-text"] = "  "
    response = client.post(reverse("panels:agenda_report_edit", kwargs={"pk": item.pk}), data)
    assert response.status_code == 302  # a row left blank is skipped, not refused
    assert [p.text for p in AgendaReport.objects.get(agenda_item=item).paragraphs.all()] == ["One."]


def test_panel_member_cannot_edit_a_report(client, meeting, panel_member_user):
    item = AgendaItemFactory(meeting=meeting, number=5)
    client.force_login(panel_member_user)
    assert client.get(reverse("panels:agenda_report_edit", kwargs={"pk": item.pk})).status_code == 404


def test_secretariat_adds_a_councillor_member(client, panel, secretariat_user):
    council = OrganisationFactory(council=True, name="Melton Borough Council", areas=[panel.force_area])
    client.force_login(secretariat_user)
    url = reverse("panels:membership_create", kwargs={"pk": panel.pk})
    response = client.post(
        url,
        {
            "full_name": "Cllr A",
            "kind": "councillor",
            "council": council.pk,
            "office": "member",
            "starts_on": "2014-05-20",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(panel=panel).council == council


def test_co_opted_member_with_a_council_is_refused(client, panel, secretariat_user):
    council = OrganisationFactory(council=True, areas=[panel.force_area])
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:membership_create", kwargs={"pk": panel.pk}),
        {"full_name": "Ms B", "kind": "co_opted", "council": council.pk, "office": "member", "starts_on": "2014-05-20"},
    )
    assert response.status_code == 200
    assert "A co-opted member is not appointed by a council." in response.text
    assert not Membership.objects.exists()


def test_council_of_another_area_cannot_be_chosen(client, panel, secretariat_user, other_area):
    elsewhere = OrganisationFactory(council=True, areas=[other_area])
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:membership_create", kwargs={"pk": panel.pk}),
        {
            "full_name": "Cllr C",
            "kind": "councillor",
            "council": elsewhere.pk,
            "office": "member",
            "starts_on": "2014-05-20",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_secretariat_records_and_resolves_a_complaint(client, panel, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:complaint_create", kwargs={"pk": panel.pk}),
        {"received_on": "2014-08-04", "complainant": "A resident", "summary": "No reply to letters."},
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    client.post(reverse("panels:complaint_status", kwargs={"pk": complaint.pk}), {"status": "informal_resolution"})
    response = client.post(
        reverse("panels:complaint_status", kwargs={"pk": complaint.pk}),
        {"status": "resolved", "outcome": "Apology and reply sent."},
        follow=True,
    )
    complaint.refresh_from_db()
    assert complaint.status == "resolved"
    assert "Apology and reply sent." in response.text


def test_panel_member_cannot_record_or_change_complaints(client, panel, panel_member_user):
    complaint = Complaint.objects.create(
        panel=panel, received_on=datetime.date(2014, 8, 4), complainant="X", summary="Y"
    )
    client.force_login(panel_member_user)
    assert client.get(reverse("panels:complaint_create", kwargs={"pk": panel.pk})).status_code == 404
    response = client.post(reverse("panels:complaint_status", kwargs={"pk": complaint.pk}), {"status": "withdrawn"})
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == "received"


def _recommendation_data(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "recommendations-TOTAL_FORMS": str(len(rows)),
        "recommendations-INITIAL_FORMS": str(initial),
        "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"recommendations-{i}-{name}"] = value
    return data


PANEL_REPORT_FIELDS = {
    "report-title": "Comments on the precept",
    "report-subject": "precept",
    "report-sent_on": "2026-02-06",
    "report-responses_due_on": "2026-02-15",
    "report-comments": "The Panel has considered the proposed precept.",
}


def test_secretariat_enters_recommendations_with_sub_points(client, panel, secretariat_user):
    client.force_login(secretariat_user)
    rows = [
        {"position": "1", "heading": "Commissioning", "label": "i", "text": "The Panel is concerned that:"},
        {"position": "2", "label": "i", "parent_label": "i", "text": "the timescale is short;"},
        {"position": "3", "label": "ii", "parent_label": "(i)", "text": "the consultation is short;"},
        {"position": "4", "label": "j", "text": "List the areas for outsourcing."},
    ]
    response = client.post(
        reverse("panels:panel_report_create", kwargs={"pk": panel.pk}), PANEL_REPORT_FIELDS | _recommendation_data(rows)
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "Commissioning" in page
    from panels.models import PanelReport

    report = PanelReport.objects.get()
    top = report.recommendations.get(parent__isnull=True, label="i")
    assert [s.label for s in top.sub_points.order_by("position")] == ["i", "ii"]
    assert report.recommendations.get(label="j").response_due_on == datetime.date(2026, 2, 15)


def test_sub_point_of_an_unknown_recommendation_saves_nothing(client, panel, secretariat_user):
    client.force_login(secretariat_user)
    rows = [{"position": "1", "label": "i", "parent_label": "x", "text": "Orphan."}]
    response = client.post(
        reverse("panels:panel_report_create", kwargs={"pk": panel.pk}), PANEL_REPORT_FIELDS | _recommendation_data(rows)
    )
    assert response.status_code == 200
    assert "names (x), which is not a recommendation here" in response.text
    from panels.models import PanelReport

    assert not PanelReport.objects.exists()


def test_answered_recommendation_cannot_be_deleted(client, panel, secretariat_user):
    from panels.models import PanelReport, Recommendation
    from tests.panels.factories import PanelReportFactory, RecommendationFactory

    report = PanelReportFactory(panel=panel)
    rec = RecommendationFactory(report=report, label="a", answered=True)
    client.force_login(secretariat_user)
    fields = PANEL_REPORT_FIELDS | {"report-title": report.title}
    rows = [{"id": str(rec.pk), "position": "1", "label": "a", "text": rec.text, "DELETE": "on"}]
    response = client.post(
        reverse("panels:panel_report_edit", kwargs={"pk": panel.pk, "report_pk": report.pk}),
        fields | _recommendation_data(rows, initial=1),
    )
    assert response.status_code == 200
    assert "Recommendations with a response cannot be deleted: (a)." in response.text
    assert Recommendation.objects.filter(pk=rec.pk).exists()
    assert PanelReport.objects.get().title == report.title


def test_panel_member_cannot_write_the_panels_report(client, panel, panel_member_user):
    client.force_login(panel_member_user)
    assert client.get(reverse("panels:panel_report_create", kwargs={"pk": panel.pk})).status_code == 404


def test_secretariat_records_attendance_decisions_and_minutes(client, panel, secretariat_user):
    from tests.panels.factories import MembershipFactory

    meeting = MeetingFactory(panel=panel)
    present, away = MembershipFactory.create_batch(2, panel=panel)
    item = AgendaItemFactory(meeting=meeting, number=5)
    client.force_login(secretariat_user)
    url = reverse("panels:meeting_record", kwargs={"pk": meeting.pk})
    response = client.post(
        url,
        {
            f"attendance_{present.pk}": "present",
            f"attendance_{away.pk}": "substitute",
            f"substitute_{away.pk}": "Cllr Sub",
            f"decision_{item.pk}": "The Panel noted the report.",
            "minutes": "The Panel met.",
            "minutes_status": "published",
        },
    )
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).text
    # Names such as O'Connor come out HTML-escaped, as the browser shows them.
    assert f"{escape(away.full_name)}: Substitute attended (Cllr Sub)" in page
    assert "The Panel noted the report." in page
    meeting.refresh_from_db()
    assert meeting.minutes_public and not meeting.minutes_approved


def test_substitute_without_a_name_saves_nothing(client, panel, secretariat_user):
    from panels.models import Attendance
    from tests.panels.factories import MembershipFactory

    meeting = MeetingFactory(panel=panel)
    first, second = MembershipFactory.create_batch(2, panel=panel)
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:meeting_record", kwargs={"pk": meeting.pk}),
        {
            f"attendance_{first.pk}": "present",
            f"attendance_{second.pk}": "substitute",
            "minutes": "Draft",
            "minutes_status": "draft",
        },
    )
    assert response.status_code == 200
    assert "Name the substitute" in response.text
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_draft_minutes_are_not_public(client, panel, secretariat_user):
    meeting = MeetingFactory(panel=panel, published=True, minutes="Secret draft minutes.")
    assert "Secret draft minutes." not in client.get(meeting.get_absolute_url()).text
    client.force_login(secretariat_user)
    assert "Secret draft minutes." in client.get(meeting.get_absolute_url()).text


def test_secretariat_records_a_declaration(client, panel, secretariat_user):
    from tests.panels.factories import MembershipFactory

    meeting = MeetingFactory(panel=panel, published=True)
    member = MembershipFactory(panel=panel)
    client.force_login(secretariat_user)
    client.post(
        reverse("panels:declaration_create", kwargs={"pk": meeting.pk}),
        {"membership": member.pk, "interest": "Trustee of a funded charity."},
    )
    assert "Trustee of a funded charity." in client.get(meeting.get_absolute_url()).text


def test_recording_a_hearing_shows_its_report_deadline(client, panel, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:hearing_create", kwargs={"pk": panel.pk}),
        {"post": "chief_constable", "candidate": "A Candidate", "notified_on": "2026-01-05"},
        follow=True,
    )
    assert "the panel must report by Sunday 25 January 2026" in response.text


def test_precept_step_dates_mark_the_deadline_done(client, panel, secretariat_user):
    from panels.models import PreceptYear
    from pcc_portal.deadlines.registry import LONDON, collect_deadlines

    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:precept_year_edit", kwargs={"pk": panel.pk, "year": 2026}),
        {"proposed_precept_received_on": "2026-01-28"},
    )
    assert response.status_code == 302
    assert PreceptYear.objects.get(panel=panel, year=2026).proposed_precept_received_on == datetime.date(2026, 1, 28)
    window = {
        "start": datetime.datetime(2026, 1, 1, tzinfo=LONDON),
        "end": datetime.datetime(2026, 4, 1, tzinfo=LONDON),
    }
    done = {d.kind: d.done for d in collect_deadlines(**window)}
    assert done["panels.precept_proposed"] is True
    assert done["panels.precept_report"] is False


def test_secretariat_ends_a_membership_and_it_leaves_the_members_in_post(client, panel, secretariat_user):
    from tests.panels.factories import MembershipFactory

    member = MembershipFactory(panel=panel, full_name="Cllr Leaving")
    client.force_login(secretariat_user)
    url = reverse("panels:membership_edit", kwargs={"pk": panel.pk, "membership_pk": member.pk})
    response = client.post(
        url,
        {
            "full_name": "Cllr Leaving",
            "kind": "councillor",
            "council": member.council_id,
            "office": "member",
            "starts_on": "2012-07-01",
            "ends_on": "2013-05-01",
        },
    )
    assert response.status_code == 302
    page = client.get(panel.get_absolute_url()).text
    assert "Members in post (0)" in page
    assert "<td>Cllr Leaving</td>" not in page


def test_end_before_start_is_refused(client, panel, secretariat_user):
    from tests.panels.factories import MembershipFactory

    member = MembershipFactory(panel=panel)
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:membership_edit", kwargs={"pk": panel.pk, "membership_pk": member.pk}),
        {
            "full_name": member.full_name,
            "kind": "councillor",
            "council": member.council_id,
            "office": "member",
            "starts_on": "2012-07-01",
            "ends_on": "2011-01-01",
        },
    )
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.text
    member.refresh_from_db()
    assert member.ends_on is None


def test_rescheduling_moves_the_papers_due_date(client, panel, secretariat_user):
    meeting = MeetingFactory(panel=panel)
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:meeting_edit", kwargs={"pk": panel.pk, "meeting_pk": meeting.pk}),
        {"kind": "ordinary", "starts_at": "2014-10-06T14:00", "venue": "County Hall"},
        follow=True,
    )
    assert "Papers are due by Friday 26 September 2014." in response.text
