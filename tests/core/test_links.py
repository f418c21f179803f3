"""Row links worked out once per URL name give the paths reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from pcc_portal.core.links import path_for, path_maker

NAMES = [
    "consultations:detail",
    "consultations:response_detail",
    "consultations:event_detail",
    "panels:meeting_detail",
    "panels:panel_detail",
    "panels:panel_report_detail",
    "plans:version_detail",
    "plans:plan_detail",
    "commissioning:stream_detail",
    "commissioning:allocation_detail",
    "commissioning:round_detail",
    "commissioning:application_detail",
    "commissioning:grant_detail",
    "commissioning:return_detail",
    "commissioning:register_grant",
    "transition:item_detail",
    "partners:organisation_detail",
    "partners:partnership_detail",
    "partners:engagement_detail",
]


@pytest.mark.parametrize("name", NAMES)
def test_row_links_match_reverse(name):
    for pk in (1, 7, 12345):
        assert path_for(name, pk) == reverse(name, kwargs={"pk": pk})


@pytest.mark.parametrize("name", NAMES)
def test_a_path_maker_gives_the_paths_reverse_gives(name):
    path_of = path_maker(name)
    for pk in (1, 7, 12345):
        assert path_of(pk) == reverse(name, kwargs={"pk": pk})


def test_a_path_maker_follows_the_script_prefix_it_was_made_under_and_takes_only_integers():
    try:
        set_script_prefix("/portal/")
        path_of = path_maker("commissioning:return_detail")
    finally:
        set_script_prefix("/")
    assert path_of(3) == "/portal/commissioning/returns/3/"
    with pytest.raises(ValueError):
        path_of("3/../../admin")


def test_row_links_follow_the_script_prefix():
    try:
        set_script_prefix("/portal/")
        assert (
            path_for("consultations:detail", 3)
            == "/portal/consultations/3/"
            == reverse("consultations:detail", kwargs={"pk": 3})
        )
    finally:
        set_script_prefix("/")
    assert path_for("consultations:detail", 3) == "/consultations/3/"


def test_row_links_take_only_integers():
    with pytest.raises(ValueError):
        path_for("consultations:detail", "3/../../admin")


def test_row_links_with_two_numbers_match_reverse():
    kwargs = {"pk": 12, "section_pk": 345}
    assert path_for("plans:comment_create", **kwargs) == reverse("plans:comment_create", kwargs=kwargs)
    assert path_for("plans:comment_create", 12, section_pk=345) == reverse("plans:comment_create", kwargs=kwargs)


def test_row_links_refuse_a_name_without_that_argument():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        path_for("commissioning:register", 1)
