"""{% crispy_plain form %} writes what {% crispy form %} writes, for every kind of field and state a form may be in."""

import re

import pytest
from crispy_forms.layout import Layout
from django import forms
from django.template import Context, engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from consultations.forms import _helper  # the helper the portal's forms use: no form tag, no CSRF input
from pcc_portal.core.forms import Select
from pcc_portal.core.templatetags.crispy_plain import _is_plain_choice_list, _written_alone, plain_fields

CHOICES = [("a", "Apples & pears"), ("b", "<b>Bold</b>"), ("c", gettext_lazy("Lazy"))]


class PlainForm(forms.Form):
    name = forms.CharField(label="Name & <title>", max_length=20, help_text="Your <em>full</em> name.")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Anything else.")
    email = forms.EmailField(required=False, label=gettext_lazy("Email address"))
    count = forms.IntegerField(min_value=1, label="How many (required)")
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "class": "narrow"}))
    fruit = forms.ChoiceField(choices=[("", "---------"), *CHOICES])
    fruit_fast = forms.ChoiceField(choices=CHOICES, required=False, widget=Select, label="Fruit (optional)")
    unlabelled = forms.CharField(required=False, label="")
    safe = forms.CharField(required=False, label=mark_safe("<span>Safe</span> label"), initial="x >   < y")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_name(self):
        name = self.cleaned_data["name"]
        if name == "twice":
            raise forms.ValidationError(["First <problem>.", "Second problem."])
        return name


class CheckboxForm(PlainForm):
    agree = forms.BooleanField(required=False)


class RadioForm(PlainForm):
    pick = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)


class StoredFile:
    """A file the form was given as its initial value, as a model's FieldFile is: a name and an address."""

    url = "/media/minutes & notes.pdf"
    name = "minutes & <notes>.pdf"

    def __str__(self):
        return self.name


GROUPED = [("Fruit", [("a", "Apples & pears"), ("b", "<b>Bold</b>")]), ("Safe <group>", [("1", 1), ("1234", 1234)]),
           ("c", gettext_lazy("Lazy"))]  # fmt: skip


class FileForm(PlainForm):
    upload = forms.FileField(required=False, help_text="A <b>PDF</b> only.")
    needed = forms.FileField(label="Needed file", widget=forms.FileInput(attrs={"accept": ".pdf", "class": "narrow"}))
    kept = forms.FileField(required=False, initial=StoredFile())
    kept_needed = forms.FileField(initial=StoredFile(), help_text="Replace it or keep it.")
    locked = forms.FileField(required=False, disabled=True, initial=StoredFile())
    locked_empty = forms.FileField(required=False, disabled=True, label="")


class CheckboxesForm(PlainForm):
    themes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple, help_text="Any <i>of</i>.")
    grouped = forms.MultipleChoiceField(choices=GROUPED, widget=forms.CheckboxSelectMultiple, required=False)
    unlabelled = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False, label=""
    )
    fixed = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False, disabled=True, initial=["a", "c"]
    )
    described = forms.MultipleChoiceField(
        choices=CHOICES, required=False, help_text="Described elsewhere.",
        widget=forms.CheckboxSelectMultiple(attrs={"aria-describedby": "elsewhere", "class": "wide", "data-x": 'a"b'}),
    )  # fmt: skip
    empty = forms.MultipleChoiceField(choices=[], widget=forms.CheckboxSelectMultiple, required=False)


class HiddenForm(PlainForm):
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


class StyledForm(PlainForm):
    required_css_class = "is-required"
    error_css_class = "has-error"


class NonFieldErrorForm(PlainForm):
    def clean(self):
        raise forms.ValidationError("The form as a whole is wrong.")


class LayoutForm(PlainForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("count", "name")


class FormTagForm(PlainForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = True


DATA = [
    None,
    {},
    {"name": "Tom & <Jerry>", "note": "line one\n  <b>   </b>", "count": "3", "fruit": "b", "fruit_fast": "c"},
    {"name": "Tom", "count": "3", "fruit": "a", "themes": ["a", "c"], "grouped": ["b", "1234"], "kept-clear": "on"},
    {"name": "Tom", "count": "3", "fruit": "a", "themes": ["z"], "grouped": ["a", "y"], "fixed": ["b"]},
    {"name": "twice", "count": "x", "email": "not an email", "when": "yesterday", "fruit": "z", "fruit_fast": "z"},
    {"name": "a" * 30, "count": "0"},
]


def _both(form, **context) -> tuple[str, str]:
    engine = engines["django"]
    crispy = engine.from_string("{% load crispy_forms_tags %}[{% crispy form %}]")
    plain = engine.from_string("{% load crispy_plain %}[{% crispy_plain form %}]")
    # Each renders a fresh form: crispy writes its classes into the widgets it renders.
    expected = crispy.render({"form": form(), **context})
    return plain.render({"form": form(), **context}), expected


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize(
    "form_class",
    [PlainForm, StyledForm, CheckboxForm, RadioForm, FileForm, CheckboxesForm, HiddenForm, NonFieldErrorForm,
     LayoutForm, FormTagForm],
)  # fmt: skip
def test_crispy_plain_writes_what_crispy_writes(form_class, data):
    def form():
        made = form_class(data) if data is not None else form_class()
        made.is_valid() if data is not None else None
        return made

    written, expected = _both(form)
    assert written == expected
    if form_class in (PlainForm, StyledForm, FileForm, CheckboxesForm):
        assert plain_fields(form(), Context()) is not None  # written by crispy_plain, not handed to crispy
    elif form_class is not NonFieldErrorForm:
        assert plain_fields(form(), Context()) is None


@pytest.mark.parametrize("form_class", [PlainForm, FileForm, CheckboxesForm])
@pytest.mark.parametrize("kwargs", [{"prefix": "s1"}, {"auto_id": False}, {"auto_id": "field-%s"}])
def test_crispy_plain_writes_what_crispy_writes_with_other_ids(form_class, kwargs):
    written, expected = _both(lambda: form_class({"count": "x", "themes": ["z"]}, **kwargs))
    assert written == expected


class StyledFileAndCheckboxesForm(FileForm, CheckboxesForm):
    required_css_class = "is-required"
    error_css_class = "has-error"


@pytest.mark.parametrize("data", [None, {}, {"themes": ["a"], "count": "2"}])
def test_crispy_plain_writes_files_and_checkboxes_of_a_styled_form_as_crispy_does(data):
    written, expected = _both(lambda: StyledFileAndCheckboxesForm(data))
    assert written == expected
    assert plain_fields(StyledFileAndCheckboxesForm(data), Context()) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {}, {"you_said": "More patrols", "we_did": "x", "themes": ["0", "-1"]}])
def test_the_consultation_pages_document_and_statement_forms_are_written_as_crispy_writes_them(data):
    from consultations.forms import DocumentForm, OutcomeForm
    from tests.consultations.factories import ConsultationFactory, ThemeFactory

    consultation = ConsultationFactory()
    themes = [ThemeFactory(group="Panels & <scrutiny>"), ThemeFactory(name="Wales: <b>points</b>")]
    data = data and {**data, "themes": [str(themes[0].pk), *data["themes"]]}
    written, expected = _both(lambda: OutcomeForm(data, consultation=consultation))
    assert written == expected
    # A posted theme is checked again; a form posted empty or with unknown themes shows its errors.
    assert bool(re.search(f'value="{themes[0].pk}"  id="id_themes_[0-9]+"[^>]* checked>', written)) == bool(data)
    assert ("is-invalid" in written) == (data is not None)
    assert plain_fields(OutcomeForm(data, consultation=consultation), Context()) is not None  # not crispy's
    written, expected = _both(lambda: DocumentForm(data, files={}) if data is not None else DocumentForm())
    assert written == expected and 'type="file" name="file" class="form-control' in written


@pytest.mark.parametrize("context", [{"tag": "td"}, {"wrapper_class": "col-6"}])
def test_a_page_variable_crispy_reads_is_still_read(context):
    written, expected = _both(PlainForm, **context)
    assert written == expected
    assert plain_fields(PlainForm(), Context(context)) is None


def test_plain_fields_keep_their_label_required_mark_errors_and_help_linked():
    form = PlainForm({"name": "twice", "count": "3", "fruit": "a"})
    form.is_valid()
    written = engines["django"].from_string("{% load crispy_plain %}{% crispy_plain form %}").render({"form": form})
    assert plain_fields(PlainForm(), Context()) is not None  # the fast path, not crispy's
    assert '<label\n                for="id_name" class="form-label requiredField">' in written
    assert 'Name &amp; &lt;title&gt;<span class="asteriskField">*</span>' in written
    assert 'aria-invalid="true" aria-describedby="id_name_helptext id_name_error" id="id_name"' in written
    assert '<div id="id_name_error" class="invalid-feedback">' in written
    assert '<span id="error_1_id_name"><strong>First &lt;problem&gt;.</strong></span>' in written
    assert '<div id="id_name_helptext" class="form-text">Your <em>full</em> name.</div>' in written
    assert 'class="textinput form-control is-invalid"' in written


class SelectsForm(PlainForm):
    """The portal's plain fields and selects of every kind, without a helper (as a form written field by field)."""

    required_select = forms.ChoiceField(choices=CHOICES, widget=Select, initial="b", label=gettext_lazy("Pick one"))
    django_select = forms.ChoiceField(choices=[("", "None"), *CHOICES], required=False, label="Django's & <own>")
    grouped = forms.ChoiceField(choices=[("Fruit", CHOICES), ("z", "Zed")], widget=Select)
    several = forms.MultipleChoiceField(choices=CHOICES, required=False)
    helped = forms.ChoiceField(choices=CHOICES, widget=Select, help_text="Choose <well>.")
    hidden_choice = forms.ChoiceField(choices=CHOICES, widget=forms.HiddenInput, required=False)
    unlabelled_select = forms.ChoiceField(choices=CHOICES, widget=Select, label="", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.helper


class StyledSelectsForm(SelectsForm):
    required_css_class = "is-required"


class HelperSelectsForm(SelectsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


SELECTS_DATA = [*DATA, {"required_select": "z", "grouped": "a", "helped": "c", "several": ["a", "c"]}]


@pytest.mark.parametrize("data", SELECTS_DATA)
@pytest.mark.parametrize("kwargs", [{}, {"prefix": "s1"}, {"auto_id": False}, {"auto_id": "field-%s"}])
@pytest.mark.parametrize("form_class", [SelectsForm, StyledSelectsForm, HelperSelectsForm, PlainForm])
def test_each_field_is_written_as_as_crispy_field_writes_it(form_class, kwargs, data):
    engine = engines["django"]
    crispy = engine.from_string("{% load crispy_forms_tags %}[{{ field|as_crispy_field }}]")
    plain = engine.from_string("{% load crispy_plain %}[{{ field|as_plain_crispy_field }}]")

    def form():
        made = form_class(data, **kwargs) if data is not None else form_class(**kwargs)
        made.is_valid() if data is not None else None
        return made

    for name in form_class.base_fields:
        # Each renders a fresh form: crispy writes its classes into the widgets it renders.
        assert plain.render({"field": form()[name]}) == crispy.render({"field": form()[name]}), name


def test_a_plain_select_is_written_in_one_piece_and_the_others_by_crispy():
    from pcc_portal.core.templatetags.crispy_plain import _is_plain_select

    form = SelectsForm()
    plain = {name for name in SelectsForm.base_fields if _is_plain_select(form[name])}
    assert plain == {"fruit", "fruit_fast", "required_select", "django_select", "grouped"}
    assert not any(_written_alone(field) for field in HelperSelectsForm())  # crispy reads the helper
    assert not any(_is_plain_select(field) for field in StyledSelectsForm() if field.field.required)


# Text with every character the templates escape, and others.
TEXT = st.text(alphabet=st.sampled_from("aZ 09&<>\"'é_-\n"), max_size=8)
LABEL = st.one_of(TEXT, TEXT.map(mark_safe), TEXT.map(gettext_lazy))
VALUE = st.one_of(TEXT, st.integers(min_value=-2000, max_value=2000))
OPTIONS = st.lists(st.tuples(VALUE, LABEL), max_size=4)
CHOICES_OR_GROUPS = st.lists(
    st.one_of(st.tuples(VALUE, LABEL), st.tuples(st.one_of(TEXT, TEXT.map(mark_safe)), OPTIONS)), max_size=4
)


def _choice_values(choices) -> list:
    return [
        value
        for choice, label in choices
        for value in ([choice] if not isinstance(label, list) else [v for v, _ in label])
    ]


@st.composite
def choice_list_forms(draw):
    """Return a function that makes a form of one list of radios or checkboxes, in any state, fresh at each call."""
    multiple = draw(st.booleans())
    choices = draw(CHOICES_OR_GROUPS)
    values = [str(value) for value in _choice_values(choices)]
    widget_attrs = draw(st.sampled_from([{}, {"class": "wide"}, {"aria-describedby": "elsewhere", "data-x": 'a"b'}]))
    widget = (forms.CheckboxSelectMultiple if multiple else forms.RadioSelect)(attrs=widget_attrs)
    field_class = forms.MultipleChoiceField if multiple else forms.ChoiceField
    field = field_class(
        choices=choices,
        widget=widget,
        label=draw(LABEL),
        required=draw(st.booleans()),
        help_text=draw(st.one_of(st.just(""), TEXT, st.just("Any <i>of</i> them."))),
        disabled=draw(st.booleans()),
    )
    error = draw(st.one_of(st.none(), TEXT.filter(bool)))  # a message of the form's own check
    attributes = {"pick": field}
    if error is not None:
        attributes["clean_pick"] = lambda self: (_ for _ in ()).throw(forms.ValidationError([error, "Again <b>."]))
    if draw(st.booleans()):
        attributes |= {"required_css_class": "is-required", "error_css_class": "has-<error>"}
    form_class = type("ChoiceListForm", (forms.Form,), attributes)
    chosen = draw(st.lists(st.sampled_from([*values, "unknown"]) if values else st.just("unknown"), max_size=3))
    kwargs = draw(st.sampled_from([{}, {"prefix": "s1"}, {"auto_id": False}, {"auto_id": "field-%s"}]))
    if draw(st.booleans()):  # posted: the values chosen, maybe none, maybe unknown ones, maybe the form's error
        data = {"pick": chosen if multiple else chosen[0]} if chosen else {}
        data = {f"{kwargs['prefix']}-{name}": value for name, value in data.items()} if "prefix" in kwargs else data

        def make():
            form = form_class(data, **kwargs)
            form.is_valid()
            return form
    else:  # shown with the values it has
        initial = {"pick": chosen if multiple else (chosen[0] if chosen else None)}

        def make():
            return form_class(initial=initial, **kwargs)

    return make


@given(choice_list_forms())
@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_list_of_radios_or_checkboxes_is_written_as_as_crispy_field_writes_it(make):
    engine = engines["django"]
    crispy = engine.from_string("{% load crispy_forms_tags %}[{{ field|as_crispy_field }}]")
    plain = engine.from_string("{% load crispy_plain %}[{{ field|as_plain_crispy_field }}]")
    assert _is_plain_choice_list(make()["pick"]) and _written_alone(make()["pick"])  # written here, not by crispy
    assert plain.render({"field": make()["pick"]}) == crispy.render({"field": make()["pick"]})


class ChoiceListsForm(forms.Form):
    """Radios and checkboxes as the reminder settings have them, and their other shapes."""

    delivery = forms.ChoiceField(
        label="How <to> send", choices=CHOICES, widget=forms.RadioSelect, help_text="Sent at 7 & 1 days."
    )
    kinds = forms.MultipleChoiceField(
        label="Do not remind me of", choices=GROUPED, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="You still see these.",
    )  # fmt: skip
    unlabelled = forms.ChoiceField(label="", choices=CHOICES, required=False, widget=forms.RadioSelect)
    empty = forms.MultipleChoiceField(choices=[], widget=forms.CheckboxSelectMultiple)


@pytest.mark.parametrize(
    "data", [None, {}, {"delivery": "b", "kinds": ["a", "1234"]}, {"delivery": "z", "kinds": ["y"], "empty": ["q"]}]
)
@pytest.mark.parametrize("kwargs", [{}, {"prefix": "s1"}, {"auto_id": False}])
def test_the_reminder_settings_choices_are_written_in_one_piece_as_crispy_writes_them(kwargs, data):
    engine = engines["django"]
    crispy = engine.from_string("{% load crispy_forms_tags %}[{{ field|as_crispy_field }}]")
    plain = engine.from_string("{% load crispy_plain %}[{{ field|as_plain_crispy_field }}]")
    data = data and {f"{kwargs['prefix']}-{k}" if "prefix" in kwargs else k: v for k, v in data.items()}

    def form():
        made = (
            ChoiceListsForm(data, **kwargs) if data is not None else ChoiceListsForm(initial={"kinds": ["b"]}, **kwargs)
        )
        made.is_valid() if data is not None else None
        return made

    for name in ChoiceListsForm.base_fields:
        assert _is_plain_choice_list(form()[name])
        assert plain.render({"field": form()[name]}) == crispy.render({"field": form()[name]}), name
    written = plain.render({"field": form()["kinds"]})
    assert "<strong>Safe &lt;group&gt;</strong>" in written and "You still see these." in written
    assert ('value="b"  id="id_kinds_0_1" checked>' in written) == (data is None and not kwargs)  # the initial value


class HelperChoiceListForm(ChoiceListsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


def test_a_list_of_a_form_with_a_helper_or_a_single_checkbox_is_left_to_crispy():
    form = HelperChoiceListForm({"delivery": "z"})
    assert not _written_alone(form["delivery"])
    engine = engines["django"]
    crispy = engine.from_string("{% load crispy_forms_tags %}{{ field|as_crispy_field }}")
    plain = engine.from_string("{% load crispy_plain %}{{ field|as_plain_crispy_field }}")
    assert plain.render({"field": form["delivery"]}) == crispy.render({"field": form["delivery"]})
    assert not _is_plain_choice_list(CheckboxForm()["agree"])
    assert not _is_plain_choice_list(HiddenForm()["secret"])


def _pages_fields(data):
    """Return makers of the radios and checkboxes the portal's pages write one by one, with their field names."""
    from handover.forms import CandidateRegistrationForm
    from panels.forms import AgendaReportForm, CommissionerResponseForm, MinutesForm
    from panels.models import Meeting, Recommendation
    from tests.panels.factories import RecommendationFactory

    report = RecommendationFactory(text="Publish <the> plan & budget").report
    RecommendationFactory(report=report, text="Second")
    recommendations = Recommendation.objects.filter(report=report)
    headings = ["Heading & <one>"]
    return [
        (lambda: CandidateRegistrationForm(data), ["standing_as"]),
        (lambda: MinutesForm(data, members=[], items=[], later_meetings=Meeting.objects.none()), ["minutes_status"]),
        (
            lambda: CommissionerResponseForm(data, recommendations=recommendations, headings=headings),
            ["recommendations"],
        ),
        (lambda: AgendaReportForm(data), ["subject", "report_of", "report_date", "author", "paragraph_numbering"]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [None, {}, {"standing_as": "x", "minutes_status": "y", "recommendations": ["0"], "paragraph_numbering": "z"}],
)
def test_the_radios_and_checkboxes_of_the_pages_are_written_as_crispy_writes_them(data):
    engine = engines["django"]
    crispy = engine.from_string("{% load crispy_forms_tags %}[{{ field|as_crispy_field }}]")
    plain = engine.from_string("{% load crispy_plain %}[{{ field|as_plain_crispy_field }}]")
    for make, names in _pages_fields(data):

        def form(make=make):
            made = make()
            made.is_valid() if data is not None else None
            return made

        for name in names:
            written = plain.render({"field": form()[name]})
            assert written == crispy.render({"field": form()[name]}), name
            assert ("is-invalid" in written) == bool(form()[name].errors)
    lists = [form()[name] for form, names in _pages_fields(data) for name in names if name != "subject"]
    assert sum(_is_plain_choice_list(field) and _written_alone(field) for field in lists) == 4
