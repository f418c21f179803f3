"""Paths built from a template worked out once are the paths reverse() gives."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from pcc_portal.core.paths import path_for

NAMES = [
    "commissioning:stream_detail",
    "commissioning:allocation_detail",
    "commissioning:round_detail",
    "commissioning:application_detail",
    "commissioning:grant_detail",
    "commissioning:return_detail",
    "commissioning:register_grant",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 42, 1234567])
def test_path_for_gives_what_reverse_gives(name, pk):
    assert path_for(name, pk) == reverse(name, kwargs={"pk": pk})


def test_path_for_follows_the_script_prefix():
    set_script_prefix("/portal/")
    try:
        assert path_for("commissioning:grant_detail", 7) == "/portal/commissioning/grants/7/"
        assert path_for("commissioning:grant_detail", 7) == reverse("commissioning:grant_detail", kwargs={"pk": 7})
    finally:
        clear_script_prefix()
    assert path_for("commissioning:grant_detail", 7) == "/commissioning/grants/7/"


def test_path_for_refuses_a_name_without_that_argument():
    with pytest.raises(NoReverseMatch):
        path_for("commissioning:register", 1)
