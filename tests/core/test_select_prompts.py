"""Selects prompt in words ("Choose an organisation", "None", "Any"), never with "---------"."""

import pytest
from django import forms

from pcc_portal.core.forms import blank_choice_prompt
from tests.core.fuzz_world import World
from tests.core.test_form_fuzz import CASES


@pytest.mark.parametrize(
    ("label", "required", "prompt"),
    [
        ("Organisation", True, "Choose an organisation"),
        ("Force area", True, "Choose a force area"),
        ("Who needs to act", True, "Choose one"),
        ("Accepted or declined", True, "Choose one"),
        ("Parent", False, "None"),
    ],
)
def test_prompt_names_what_to_choose(label, required, prompt):
    assert blank_choice_prompt(label, required=required) == prompt


def test_a_rendered_select_prompts_instead_of_dashes():
    class Form(forms.Form):
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], label="Type")
        size = forms.ChoiceField(choices=[("", "---------"), ("s", "Small")], required=False)

    html = str(Form())
    assert "---------" not in html
    assert '<option value="" selected>Choose a type</option>' in html
    assert '<option value="" selected>None</option>' in html


@pytest.mark.django_db
def test_no_form_page_offers_dashes(client):
    world = World()
    world.organisation, world.opcc, world.partnership  # noqa: B018 (choices for the forms' lists)
    checked = set()
    for name, case in sorted(CASES.items()):
        page = case.page(world) if case.page else case.url(world)
        if (case.user, page) in checked:
            continue
        checked.add((case.user, page))
        client.logout()
        if case.user:
            user = world
            for part in case.user.split("."):
                user = getattr(user, part)
            client.force_login(user)
        shown = client.get(page, follow=True)
        assert ">---------<" not in shown.content.decode(), f"{name}: a select on {page} shows ---------"
