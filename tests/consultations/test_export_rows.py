"""The responses export (XLSX and CSV) holds what each response's model objects say, cell by cell.

Who may export is tested with the analysis (test_analysis_and_exports_are_refused_to_partners_and_other_areas).
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultations.models import Question, Response, ResponseTag
from pcc_portal.core.spreadsheets import safe_row
from tests.partners.factories import OrganisationFactory

from .factories import AnswerFactory, QuestionFactory, ResponseFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _rows_from_models(consultation) -> list[list]:
    """Return the export's header and rows as the response, organisation and answer objects give them."""
    questions = list(consultation.questions.all())
    rows = [
        ["Reference", "Respondent", "Organisation type", "Submitted at (London)", "May be published", "Themes"]
        + [f"Q{i}. {q.text}" for i, q in enumerate(questions, start=1)]
    ]
    for response in consultation.responses.filter(status=Response.Status.SUBMITTED).order_by("submitted_at", "pk"):
        answers = {answer.question_id: answer for answer in response.answers.all()}
        row = [
            response.reference,
            response.respondent,
            response.organisation.get_org_type_display() if response.organisation else "Member of the public",
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M"),
            "Yes" if response.publication_consent else "No",
            "; ".join(sorted({tag.theme.name for tag in response.tags.all()})),
        ]
        for question in questions:
            answer = answers.get(question.pk)
            if answer is None:
                row.append("")
            elif question.kind == Question.Kind.RATING:
                row.append(answer.rating)
            else:
                row.append(answer.display)
        rows.append(safe_row(row))
    return rows


@pytest.fixture
def responses(consultation, organisation, other_organisation):
    """Responses from organisations and the public, in winter and summer, with and without answers and themes."""
    text_q, single_q, rating_q = consultation.questions.all()
    multiple_q = QuestionFactory(consultation=consultation, text="Which colours?", multiple=True, position=4)
    winter = datetime.datetime(2026, 1, 15, 9, 5, tzinfo=datetime.UTC)
    summer = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)  # 00:30 the next day in London
    charity = ResponseFactory(consultation=consultation, organisation=organisation, submitted=True, submitted_at=summer)
    AnswerFactory(response=charity, question=text_q, text="Ring us about the plan.")
    AnswerFactory(response=charity, question=single_q, text="", selected=["Yes"])
    AnswerFactory(response=charity, question=rating_q, text="", rating=4)
    AnswerFactory(response=charity, question=multiple_q, text="", selected=["Red", "Blue"])
    for name in ["Readiness", "Funding"]:
        ResponseTag.objects.create(response=charity, theme=ThemeFactory(name=name))
    council = ResponseFactory(
        consultation=consultation,
        organisation=other_organisation,
        submitted=True,
        submitted_at=winter,
        publication_consent=True,
    )
    AnswerFactory(response=council, question=text_q, text='=HYPERLINK("http://evil")')
    AnswerFactory(response=council, question=rating_q, text="", rating=None)
    group = ResponseFactory(
        consultation=consultation,
        public=True,
        status=Response.Status.SUBMITTED,
        submitted_at=winter,
        reference="PUB-00001",
        respondent_organisation="Friends of the Park",
    )
    AnswerFactory(response=group, question=text_q, text="-1 for the plan")
    for respondent_name, reference in [("A resident", "PUB-00002"), ("", "PUB-00003")]:
        ResponseFactory(
            consultation=consultation,
            public=True,
            status=Response.Status.SUBMITTED,
            submitted_at=summer,
            reference=reference,
            respondent_name=respondent_name,
        )
    ResponseFactory(consultation=consultation, organisation=OrganisationFactory(areas=[consultation.force_area]))
    ResponseFactory(consultation=consultation, public=True)  # awaiting confirmation: never counted


def test_xlsx_export_holds_what_the_model_objects_say(client, staff_user, consultation, responses):
    client.force_login(staff_user)
    response = client.get(reverse("consultations:export_xlsx", args=[consultation.pk]))
    sheet = load_workbook(io.BytesIO(response.content))["Responses"]
    expected = _rows_from_models(consultation)
    assert len(expected) == 6
    # openpyxl reads an empty cell back as None.
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        [None if value == "" else value for value in row] for row in expected
    ]
    assert sheet.cell(row=4, column=9).value == 4  # a rating is a number, not text
    assert all(cell.font.bold and cell.alignment.wrap_text for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "B2"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJ"]
    assert widths == [18] * 6 + [40] * 4


def test_csv_export_holds_what_the_model_objects_say(client, staff_user, consultation, responses):
    client.force_login(staff_user)
    response = client.get(reverse("consultations:export_csv", args=[consultation.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = [["" if value is None else str(value) for value in row] for row in _rows_from_models(consultation)]
    assert rows == expected
    assert rows[2][1:3] == ["Friends of the Park", "Member of the public"]
    assert rows[5][1] == "Member of the public"
