"""Pages make a constant number of queries, however many rows they show."""

import pytest
from django.urls import reverse

from tests.conftest import DASHBOARD_MAX_QUERIES

from .factories import (
    CommentFactory,
    ObjectiveFactory,
    PlanFactory,
    PlanVersionFactory,
    PriorityFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15


def _fill(version, rows, author):
    for n in range(rows):
        section = SectionFactory(version=version, key=f"s{n}")
        priority = PriorityFactory(version=version, key=f"p{n}")
        ObjectiveFactory(version=version, key=f"o{n}", priority=priority)
        thread = CommentFactory(section=section, version=version, author=author)
        CommentFactory(section=section, version=version, author=author, parent=thread)


@pytest.mark.parametrize("rows", [1, 20])
def test_version_page_queries_do_not_grow_with_rows(
    client, django_assert_max_num_queries, plan, panel_member_user, rows
):
    version = PlanVersionFactory(plan=plan, consultation=True)
    _fill(version, rows, panel_member_user)
    client.force_login(panel_member_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="comment-thread') == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_plan_list_and_detail_queries_do_not_grow(client, django_assert_max_num_queries, area, staff_user, rows):
    for n in range(rows):
        plan = PlanFactory(force_area=area, title=f"Plan {n}")
        PlanVersionFactory(plan=plan, number=1, issued=True)
        PlanVersionFactory(plan=plan, number=2, shared=True)
    client.force_login(staff_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("plans:plan_list")).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(plan.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("plans:public_list")).status_code == 200
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        response = client.get(reverse("core:dashboard"))
    assert "Plans with the panel" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_compare_and_history_queries_do_not_grow(client, django_assert_max_num_queries, plan, staff_user, rows):
    old = PlanVersionFactory(plan=plan, number=1, shared=True)
    new = PlanVersionFactory(plan=plan, number=2)
    for version in (old, new):
        _fill(version, rows, staff_user)
    client.force_login(staff_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("plans:version_compare", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("plans:version_history", kwargs={"pk": old.pk})).status_code == 200
