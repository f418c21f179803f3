"""The compare page: what changed between two versions, for the users who may read both."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import ObjectiveFactory, PlanVersionFactory, PriorityFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _versions(plan, rows):
    """Return two versions of plan: each part 0..rows-1 kept, changed every other time, one removed and one added."""
    old = PlanVersionFactory(plan=plan, number=1, issued=True)
    new = PlanVersionFactory(plan=plan, number=2, shared=True)
    for n in range(rows):
        for version in (old, new):
            changed = version == new and n % 2
            SectionFactory(version=version, key=f"s{n}", heading=f"Section {n}", body=f"Text {n}{' more' * changed}")
            PriorityFactory(version=version, key=f"p{n}", title=f"Priority {n}", rank=n + changed)
            ObjectiveFactory(version=version, key=f"o{n}", title=f"Objective {n}", baseline=f"{n}{'+' * changed}")
    SectionFactory(version=old, key="gone", heading="Gone section")
    PriorityFactory(version=new, key="new", title="New priority")
    return old, new


@pytest.mark.parametrize("rows", [1, 20])
def test_staff_see_each_part_marked_in_a_constant_number_of_queries(client, plan, staff_user, rows):
    old, _new = _versions(plan, rows)
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:version_compare", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    assert len(queries) <= 7  # session, user, the versions, then sections, priorities and objectives
    differences = response.context["differences"]
    sections = [(d.key, d.change) for d in differences["sections"]]
    assert sections == [(f"s{n}", "changed" if n % 2 else "unchanged") for n in range(rows)] + [("gone", "removed")]
    priorities = [(d.key, d.change, d.changes) for d in differences["priorities"]]
    assert priorities[-1] == ("new", "added", [])
    assert priorities[:-1] == [
        (f"p{n}", "changed", [("Rank", str(n), str(n + 1))]) if n % 2 else (f"p{n}", "unchanged", [])
        for n in range(rows)
    ]
    objectives = [(d.key, d.change, d.changes) for d in differences["objectives"]]
    assert objectives == [
        (f"o{n}", "changed", [("Baseline", str(n), f"{n}+")]) if n % 2 else (f"o{n}", "unchanged", [])
        for n in range(rows)
    ]
    page = response.content.decode()
    assert f"{plan.title} ({plan.force_area.name})" in page
    assert f'<option value="{old.pk}" selected>{old.name}</option>' in page


def test_staff_of_another_area_cannot_compare_versions_not_yet_issued(client, plan, other_area_staff):
    _versions(plan, 1)
    client.force_login(other_area_staff)
    assert client.get(reverse("plans:version_compare", kwargs={"pk": plan.pk})).status_code == 404


def test_partner_who_may_read_one_version_finds_nothing_to_compare(client, plan, partner_user):
    _versions(plan, 1)  # issued and shared: a partner reads only the issued one
    client.force_login(partner_user)
    assert client.get(reverse("plans:version_compare", kwargs={"pk": plan.pk})).status_code == 404


def test_panel_member_compares_the_issued_version_with_the_one_shared_with_the_panel(client, plan, panel_member_user):
    old, new = _versions(plan, 2)
    client.force_login(panel_member_user)
    response = client.get(reverse("plans:version_compare", kwargs={"pk": plan.pk}), {"old": new.pk, "new": old.pk})
    assert response.status_code == 200
    assert (response.context["old"], response.context["new"]) == (old, new)
    assert 'id="diff-s1"' in response.content.decode()
