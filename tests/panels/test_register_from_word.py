"""Start a recommendations register from a Word file: each list item or numbered paragraph is a recommendation."""

import pytest
from django.urls import reverse

from panels.models import PanelReport
from tests.accounts.factories import UserFactory
from tests.core.docx_helpers import (
    docx_upload,
    heading,
    image,
    lettered_list,
    numbered_list,
    paragraph,
    title,
)
from tests.panels.factories import PanelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


def _upload(blocks):
    return docx_upload(blocks, name="comments.docx")


def test_secretariat_starts_a_register_from_word_and_sees_what_did_not_come_across(client, panel, secretariat_user):
    blocks = [
        title("Comments on the draft Police and Crime Plan"),
        paragraph("The Panel welcomes the draft Plan."),
        heading("Priorities"),
        lettered_list(["Rank the priorities.", ("Publish the targets:", ["by district;", "by month."])]),
        heading("Finance"),
        numbered_list(["Show the reserves.", "Explain the precept."], start=3),
        image(),
    ]
    client.force_login(secretariat_user)
    url = reverse("panels:panel_report_from_word", kwargs={"pk": panel.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"document": _upload(blocks)}, follow=True)
    assert response.status_code == 200
    report = PanelReport.objects.get(panel=panel)
    assert (report.title, report.is_published) == ("Comments on the draft Police and Crime Plan", False)
    assert "The Panel welcomes the draft Plan." in report.comments
    rows = [(r.label, r.heading, r.text, r.parent.label if r.parent else "") for r in report.recommendations.all()]
    assert rows == [
        ("a", "Priorities", "Rank the priorities.", ""),
        ("b", "", "Publish the targets:", ""),
        ("i", "", "by district;", "b"),
        ("ii", "", "by month.", "b"),
        ("3", "Finance", "Show the reserves.", ""),
        ("4", "", "Explain the precept.", ""),
    ]
    page = " ".join(response.content.decode().split())
    assert "Check against the Word file" in page and "1 image" in page
    assert page.index("Priorities") < page.index("a)</span>") < page.index("Rank the priorities.")
    assert page.index("Finance") < page.index("3)</span>") < page.index("Show the reserves.")
    # the notes are shown once, with the draft
    assert "Check against the Word file" not in client.get(report.get_absolute_url()).text


def test_word_file_without_recommendations_or_of_the_wrong_type_saves_nothing(client, panel, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("panels:panel_report_from_word", kwargs={"pk": panel.pk})
    response = client.post(url, {"document": _upload([paragraph("Only prose here.")])})
    assert response.status_code == 400 and "No recommendations were found" in response.text
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"document": SimpleUploadedFile("report.pdf", b"%PDF-1.4")})
    assert response.status_code == 400 and "This is a PDF" in response.text
    assert not PanelReport.objects.exists()


def test_only_the_panels_secretariat_starts_a_register_from_word(client, panel, area, other_area):
    PanelFactory(force_area=other_area)
    url = reverse("panels:panel_report_from_word", kwargs={"pk": panel.pk})
    for user in [
        UserFactory(opcc_staff=True, areas=[area]),
        UserFactory(panel_member=True, areas=[area]),
        UserFactory(partner=True, areas=[area]),
        UserFactory(panel_secretariat=True, areas=[other_area]),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"document": _upload([lettered_list(["x"])])}).status_code == 404
    assert not PanelReport.objects.exists()
