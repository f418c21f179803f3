import csv
import io
import re

import pytest
from django.template import engines
from django.urls import reverse
from openpyxl import load_workbook

from consultations.forms import NoteForm, RedactionForm, TagForm
from consultations.models import Redaction, Response
from partners.models import OrganisationType
from tests.accounts.factories import UserFactory
from tests.partners.factories import OrganisationFactory

from .factories import AnswerFactory, ConsultationFactory, QuestionFactory, ResponseFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(consultation, organisation, other_organisation):
    """Two submitted responses, one draft and one unconfirmed public response."""
    text_q, single_q, rating_q = consultation.questions.all()
    first = ResponseFactory(consultation=consultation, organisation=organisation, submitted=True)
    AnswerFactory(response=first, question=text_q, text="Ring Mrs Smith on 0116 000 0000 about the plan.")
    AnswerFactory(response=first, question=single_q, text="", selected=["Yes"])
    AnswerFactory(response=first, question=rating_q, text="", rating=4)
    second = ResponseFactory(consultation=consultation, organisation=other_organisation, submitted=True)
    AnswerFactory(response=second, question=text_q, text='=HYPERLINK("http://evil")')
    third_org = OrganisationFactory(areas=[consultation.force_area])
    ResponseFactory(consultation=consultation, organisation=third_org)  # draft: never counted
    ResponseFactory(consultation=consultation, public=True)  # unconfirmed: never counted
    return first, second


def test_xlsx_export_has_one_row_per_response_and_one_column_per_question(client, staff_user, consultation, answered):
    client.force_login(staff_user)
    response = client.get(reverse("consultations:export_xlsx", args=[consultation.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    question_columns = [h for h in header if h and h.startswith("Q")]
    assert question_columns == ["Q1. Your comments", "Q2. Should priorities be ranked?", "Q3. How well does it fit?"]
    assert len(data) == 2
    first, second = answered
    by_reference = {row[0]: row for row in data}
    assert by_reference[first.reference][header.index("Q2. Should priorities be ranked?")] == "Yes"
    assert by_reference[first.reference][header.index("Q3. How well does it fit?")] == 4
    assert by_reference[second.reference][header.index("Q1. Your comments")].startswith("'=")


def test_csv_export_matches(client, staff_user, consultation, answered):
    client.force_login(staff_user)
    response = client.get(reverse("consultations:export_csv", args=[consultation.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[0][-3:] == ["Q1. Your comments", "Q2. Should priorities be ranked?", "Q3. How well does it fit?"]


@pytest.mark.parametrize("url_name", ["export_xlsx", "export_csv", "analysis"])
def test_analysis_and_exports_are_refused_to_partners_and_other_areas(
    client, partner, other_area_staff, consultation, answered, url_name
):
    url = reverse(f"consultations:{url_name}", args=[consultation.pk])
    for user in (partner, other_area_staff):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_staff_sees_answers_question_by_question_and_counts(client, staff_user, consultation, answered):
    first, _ = answered
    theme = ThemeFactory(name="Partnership working")
    client.force_login(staff_user)
    client.post(
        reverse("consultations:response_tag_add", args=[first.pk]),
        {
            "theme": theme.pk,
            "answer": first.answers.get(question__text="Your comments").pk,
            "excerpt": "about the plan",
        },
    )
    page = client.get(reverse("consultations:analysis", args=[consultation.pk]))
    text = page.content.decode()
    assert "2 responses counted" in text
    assert "Ring Mrs Smith" in text
    assert "Partnership working" in text
    counts = dict(page.context["theme_counts"])
    assert counts[theme] == 1
    types = dict(page.context["type_counts"])
    assert types[OrganisationType.VOLUNTARY_COMMUNITY.label] == 1
    assert types[OrganisationType.DISTRICT_COUNCIL.label] == 1
    ratings = next(q for q in page.context["questions"] if q["question"].kind == "rating")
    assert dict(ratings["counts"])["4"] == 1


def test_excerpt_must_come_from_the_answer(client, staff_user, answered):
    first, _ = answered
    theme = ThemeFactory()
    client.force_login(staff_user)
    page = client.post(
        reverse("consultations:response_tag_add", args=[first.pk]),
        {"theme": theme.pk, "answer": first.answers.get(question__text="Your comments").pk, "excerpt": "not there"},
        follow=True,
    )
    assert "Copy the excerpt exactly" in page.content.decode()
    assert not first.tags.exists()
    assert page.status_code == 400 and "not there</textarea>" in page.content.decode()  # what was typed is kept


def test_staff_tag_and_redaction_forms_offer_the_responses_questions(
    client, staff_user, answered, django_assert_max_num_queries
):
    first, _ = answered
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        page = client.get(first.get_absolute_url())
    tag_form, redaction_form = page.context["tag_form"], page.context["redaction_form"]
    answers = list(first.answers.select_related("question"))
    tag_options = [(str(value), str(label)) for value, label in tag_form.fields["answer"].widget.choices]
    assert tag_options == [("", "None"), *((str(a.pk), a.question.text) for a in answers)]
    # Only answers with words can have words hidden: the choice and rating answers are left out.
    redaction_options = [(str(v), str(label)) for v, label in redaction_form.fields["answer"].widget.choices]
    assert redaction_options == [("", "Choose a question"), *((str(a.pk), a.question.text) for a in answers if a.text)]
    assert len(redaction_options) == 2
    # A posted choice is still checked against the response's own answers.
    other = answered[1].answers.get()
    refused = RedactionForm({"answer": other.pk, "phrase": "evil", "reason": "x"}, response=first, answers=answers)
    assert not refused.is_valid() and "answer" in refused.errors


def test_response_page_writes_its_analysis_forms_as_crispy_forms_does(client, staff_user, partner, answered):
    first, _ = answered
    client.force_login(staff_user)
    page = client.get(first.get_absolute_url()).content.decode()
    answers = list(first.answers.select_related("question"))
    crispy = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")
    for form in (TagForm(response=first, answers=answers), NoteForm(), RedactionForm(response=first, answers=answers)):
        assert crispy.render({"form": form}) in page
    # Each field keeps its label, its required mark and its help text named by aria-describedby.
    assert 'class="form-label requiredField">\n                Analyst note<span class="asteriskField">*' in page
    assert (
        'aria-describedby="id_redaction_phrase_helptext" id="id_redaction_phrase"> '
        '<div id="id_redaction_phrase_helptext"' in page
    )
    # Every id once: the tag and redaction forms both have an answer field, each select named by its own label.
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert 'for="id_answer"' in page and 'for="id_redaction_answer"' in page
    # The respondent reads their response without the analysts' forms.
    client.force_login(partner)
    own = client.get(first.get_absolute_url())
    assert own.status_code == 200 and "div_id_theme" not in own.content.decode()


def test_analyst_note_is_recorded_with_its_author(client, staff_user, answered):
    first, _ = answered
    client.force_login(staff_user)
    client.post(reverse("consultations:analyst_note_add", args=[first.pk]), {"text": "Follow up with VAL."})
    note = first.notes.get()
    assert note.author == staff_user
    assert "Follow up with VAL." in client.get(first.get_absolute_url()).content.decode()


def test_response_without_consent_cannot_be_published(client, staff_user, answered):
    first, _ = answered
    client.force_login(staff_user)
    page = client.post(reverse("consultations:response_publish", args=[first.pk]), follow=True)
    assert "did not consent" in page.content.decode()
    first.refresh_from_db()
    assert first.published_at is None


def test_published_response_shows_redactions_to_the_public_with_reason_recorded(
    client, staff_user, consultation, answered
):
    consultation.audience = "public"
    consultation.save()
    first, _ = answered
    Response.objects.filter(pk=first.pk).update(publication_consent=True)
    answer = first.answers.get(question__text="Your comments")
    client.force_login(staff_user)
    refused = client.post(
        reverse("consultations:redaction_add", args=[first.pk]),
        {"answer": answer.pk, "phrase": "Mrs Smith on 0116 000 0000", "reason": ""},
    )
    assert refused.status_code == 400
    assert not Redaction.objects.exists()
    # The analyst's form comes back as they filled it in, with the reason it was refused beside the field.
    page = refused.content.decode()
    assert 'value="Mrs Smith on 0116 000 0000"' in page
    assert f'<option value="{answer.pk}" selected>' in page
    assert "Nothing was saved" in page and 'id="error_1_id_redaction_reason"' in page
    client.post(
        reverse("consultations:redaction_add", args=[first.pk]),
        {"answer": answer.pk, "phrase": "Mrs Smith on 0116 000 0000", "reason": "Personal data of a third party"},
    )
    assert Redaction.objects.get().reason == "Personal data of a third party"
    client.post(reverse("consultations:response_publish", args=[first.pk]))
    first.refresh_from_db()
    assert first.published_at is not None

    client.logout()
    public = client.get(first.get_absolute_url()).content.decode()
    assert "Ring [redacted] about the plan." in public
    assert "0116 000 0000" not in public
    assert "Personal data of a third party" not in public


def test_other_area_staff_cannot_tag_or_publish(client, other_area_staff, answered):
    first, _ = answered
    theme = ThemeFactory()
    client.force_login(other_area_staff)
    assert (
        client.post(reverse("consultations:response_tag_add", args=[first.pk]), {"theme": theme.pk}).status_code == 404
    )
    assert client.post(reverse("consultations:response_publish", args=[first.pk])).status_code == 404
    assert not first.tags.exists()


def test_administrator_sees_every_areas_analysis(client, admin_user, consultation, answered):
    client.force_login(admin_user)
    assert client.get(reverse("consultations:analysis", args=[consultation.pk])).status_code == 200


def test_analysis_query_count_is_constant(client, staff_user, area, django_assert_max_num_queries):
    consultation = ConsultationFactory(force_area=area)
    questions = [QuestionFactory(consultation=consultation), QuestionFactory(consultation=consultation, single=True)]
    theme = ThemeFactory()

    def add_responses(n):
        for _ in range(n):
            response = ResponseFactory(consultation=consultation, submitted=True)
            for q in questions:
                AnswerFactory(response=response, question=q, selected=["Yes"] if q.choices else [])
            response.tags.create(theme=theme)

    client.force_login(staff_user)
    url = reverse("consultations:analysis", args=[consultation.pk])
    add_responses(1)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    add_responses(19)
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert page.status_code == 200
    assert dict(page.context["theme_counts"])[theme] == 20
    with django_assert_max_num_queries(15):
        assert client.get(reverse("consultations:export_xlsx", args=[consultation.pk])).status_code == 200


def test_list_query_count_is_constant(client, staff_user, area, django_assert_max_num_queries):
    url = reverse("consultations:list")
    client.force_login(staff_user)
    ConsultationFactory(force_area=area)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    ConsultationFactory.create_batch(19, force_area=area)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_staff_publishes_you_said_we_did_and_it_becomes_public(client, staff_user, consultation):
    ResponseFactory(consultation=consultation, submitted=True)
    public_url = reverse("consultations:public_outcomes", args=[consultation.pk])
    assert client.get(public_url).status_code == 404
    theme = ThemeFactory(name="Equality")
    client.force_login(staff_user)
    client.post(
        reverse("consultations:outcome_add", args=[consultation.pk]),
        {"you_said": "Assess equality impact.", "we_did": "We commissioned an assessment.", "themes": [theme.pk]},
    )
    assert consultation.outcomes.count() == 1
    client.post(reverse("consultations:outcomes_publish", args=[consultation.pk]))
    client.logout()
    page = client.get(public_url)
    assert page.status_code == 200
    assert "We commissioned an assessment." in page.content.decode()
    assert "Equality" in page.content.decode()


def test_partner_cannot_add_outcomes(client, partner, consultation):
    client.force_login(partner)
    response = client.post(
        reverse("consultations:outcome_add", args=[consultation.pk]), {"you_said": "x", "we_did": "y"}
    )
    assert response.status_code == 404
    assert not consultation.outcomes.exists()


def test_outcome_links_to_the_plan_version_that_changed(client, staff_user, area):
    from tests.plans.factories import PlanFactory, PlanVersionFactory

    version = PlanVersionFactory(plan=PlanFactory(force_area=area), label="January 2013 draft")
    consultation = ConsultationFactory(force_area=area, subject="plan_version", plan_version=version)
    client.force_login(staff_user)
    client.post(
        reverse("consultations:outcome_add", args=[consultation.pk]),
        {"you_said": "Rank priorities.", "we_did": "Explained why not.", "changed_plan_version": version.pk},
    )
    assert consultation.outcomes.get().changed_plan_version == version


def test_panel_member_cannot_analyse(client, area, consultation):
    member = UserFactory(panel_member=True, areas=[area])
    client.force_login(member)
    assert client.get(reverse("consultations:analysis", args=[consultation.pk])).status_code == 404


def test_unconfirmed_public_response_is_not_in_the_export(client, staff_user, consultation, answered):
    client.force_login(staff_user)
    response = client.get(reverse("consultations:export_xlsx", args=[consultation.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert all(row[1] != "A resident" for row in rows)


def test_analysis_and_export_show_each_responses_themes_and_organisation_type(
    client, staff_user, consultation, answered
):
    from consultations.models import ResponseTag

    first, second = answered
    for name in ["Readiness", "Funding"]:
        ResponseTag.objects.create(response=first, theme=ThemeFactory(key=f"test-{name.lower()}", name=name))
    client.force_login(staff_user)
    page = client.get(reverse("consultations:analysis", args=[consultation.pk])).content.decode()
    assert "<td>Funding; Readiness</td>" in page or "<td>Readiness; Funding</td>" in page
    assert "<td>Not tagged</td>" in page  # the second response
    assert reverse("consultations:response_detail", args=[second.pk]) in page
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("consultations:export_xlsx", args=[consultation.pk])).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    header, by_reference = rows[0], {row[0]: row for row in rows[1:]}
    assert by_reference[first.reference][header.index("Themes")] == "Funding; Readiness"
    assert by_reference[second.reference][header.index("Themes")] in ("", None)
    assert by_reference[first.reference][header.index("Organisation type")] == first.organisation.get_org_type_display()
    assert by_reference[second.reference][header.index("Q2. Should priorities be ranked?")] in ("", None)  # unanswered


def test_a_refused_forms_errors_name_each_field_as_its_label_does():
    from django import forms

    from consultations.views import _form_errors

    class Unlabelled(forms.Form):
        excerpt = forms.CharField()

    form = Unlabelled({})
    assert not form.is_valid()
    assert _form_errors(form) == "Excerpt: This field is required."  # not "None: ..."
