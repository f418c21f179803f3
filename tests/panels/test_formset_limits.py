"""A forged row count on a paper's form is refused at once with a message, and nothing is saved."""

import pytest
from django.urls import reverse

from panels.forms import MAX_RECOMMENDATIONS, MAX_REPORT_PARAGRAPHS
from panels.models import AgendaReport, PanelReport
from tests.panels.factories import AgendaItemFactory, MeetingFactory, PanelFactory

pytestmark = pytest.mark.django_db

REPORT_FIELDS = {
    "report-report_of": "POLICE AND CRIME COMMISSIONER",
    "report-report_date": "2014-09-29",
    "report-subject": "PARTNERSHIPS UPDATE REPORT",
    "report-author": "CHIEF EXECUTIVE",
    "report-contact_name": "Paul Stock",
}
PANEL_REPORT_FIELDS = {
    "report-title": "Comments on the precept",
    "report-subject": "precept",
    "report-sent_on": "2026-02-06",
    "report-responses_due_on": "2026-02-15",
    "report-comments": "The Panel has considered the proposed precept.",
}


def _rows(prefix: str, total: int, row: dict, filled: int) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i in range(filled):
        for name, value in row.items():
            data[f"{prefix}-{i}-{name}"] = value.format(n=i + 1)
    return data


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


def test_agenda_report_with_a_thousand_paragraphs_is_refused_at_once_and_saves_nothing(client, panel, staff_user):
    item = AgendaItemFactory(meeting=MeetingFactory(panel=panel), number=5)
    client.force_login(staff_user)
    data = REPORT_FIELDS | _rows("paragraphs", 1000, {"section_heading": "", "ORDER": "{n}", "text": "Text."}, 3)
    url = reverse("panels:agenda_report_edit", kwargs={"pk": item.pk})
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"This form takes at most {MAX_REPORT_PARAGRAPHS} paragraphs." in response.text
    assert not AgendaReport.objects.exists()
    assert len(response.content) < 200_000  # uncapped: 1,000 forms built, checked and shown (4.4 MB, 14 s)


def test_agenda_report_at_the_cap_saves(client, panel, staff_user):
    item = AgendaItemFactory(meeting=MeetingFactory(panel=panel), number=5)
    client.force_login(staff_user)
    row = {"section_heading": "", "ORDER": "{n}", "text": "Paragraph {n}."}
    data = REPORT_FIELDS | _rows("paragraphs", MAX_REPORT_PARAGRAPHS, row, MAX_REPORT_PARAGRAPHS)
    response = client.post(reverse("panels:agenda_report_edit", kwargs={"pk": item.pk}), data)
    assert response.status_code == 302
    assert AgendaReport.objects.get(agenda_item=item).paragraphs.count() == MAX_REPORT_PARAGRAPHS


def test_panel_report_with_a_thousand_recommendations_is_refused_and_saves_nothing(client, panel, secretariat_user):
    client.force_login(secretariat_user)
    row = {"position": "{n}", "label": "r{n}", "text": "The Panel recommends."}
    data = PANEL_REPORT_FIELDS | _rows("recommendations", 1000, row, 3)
    response = client.post(reverse("panels:panel_report_create", kwargs={"pk": panel.pk}), data)
    assert response.status_code == 200
    assert f"This form takes at most {MAX_RECOMMENDATIONS} recommendations and sub-points." in response.text
    assert not PanelReport.objects.exists()
