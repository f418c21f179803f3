"""The what's due filter's selects are written as Django's own select template writes them."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from pcc_portal.core.forms import Select
from pcc_portal.deadlines.forms import WhatsDueFilterForm

CHOICES = [
    ("", "All kinds"),
    ("plans.issue", "Plan issued"),
    ("a&b", 'Tom & Jerry\'s "<b>" kind'),
    (7, gettext_lazy("Lazy label")),
    ("safe", mark_safe("<em>Safe</em>")),
    ("Group <1>", [("g1", "In a group"), ("g2", "Also <here>")]),
]


@pytest.mark.parametrize("value", [None, "", "plans.issue", "a&b", "7", "g2", "missing"])
@pytest.mark.parametrize("attrs", [None, {"class": "select form-select", "id": "id_kind", "required": True}])
def test_the_filters_select_writes_what_django_select_writes(value, attrs):
    expected = forms.Select(choices=CHOICES).render("kind", value, attrs=attrs)
    assert Select(choices=CHOICES).render("kind", value, attrs=attrs) == expected


def test_the_filter_form_marks_the_chosen_kind_and_area():
    form = WhatsDueFilterForm({"kind": "plans.issue", "area": "3"}, kinds=CHOICES[1:3], areas=[(3, "Kent & Medway")])
    assert form.is_valid()
    html = str(form["kind"]) + str(form["area"])
    assert '<option value="plans.issue" selected>Plan issued</option>' in html
    assert '<option value="3" selected>Kent &amp; Medway</option>' in html
    assert '<option value="">All areas</option>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{}, {"kind": "plans.issue"}, {"kind": "plans.issue", "area": "own"}, {"kind": "x"}])
def test_the_pages_filter_is_written_as_crispy_writes_its_fields(client, deadline_source, staff_user, area, query):
    """Unfiltered, filtered and with an unknown kind (an error, written by crispy itself): the page's two fields are
    what {{ field|as_crispy_field }} writes for the form the page was given."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from django.utils import timezone

    deadline_source.add(key="plans.issue:1", due=timezone.now(), recipients=[staff_user], area=area)
    client.force_login(staff_user)
    response = client.get("/deadlines/", {k: str(area.pk) if v == "own" else v for k, v in query.items()})
    form = response.context["form"]
    expected = f'<div class="col-sm-5">{as_crispy_field(form["kind"])}</div>\n'
    expected += f'  <div class="col-sm-4">{as_crispy_field(form["area"])}</div>'
    page = response.content.decode()
    assert expected in page
    assert ("Select a valid choice" in page) is (query.get("kind") == "x")
