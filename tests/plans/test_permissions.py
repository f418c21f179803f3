"""Each permission function, allowed and refused, per role."""

import pytest

from plans import permissions
from tests.accounts.factories import UserFactory

from .factories import CommentFactory, PlanVersionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_only_area_staff_and_administrators_manage_a_plan(
    plan, staff_user, other_area_staff, admin_user, secretariat_user
):
    assert permissions.can_manage_plan(staff_user, plan)
    assert permissions.can_manage_plan(admin_user, plan)
    assert not permissions.can_manage_plan(other_area_staff, plan)
    assert not permissions.can_manage_plan(secretariat_user, plan)


def test_inactive_staff_cannot_manage(plan, area):
    assert not permissions.can_manage_plan(UserFactory(opcc_staff=True, areas=[area], is_active=False), plan)


def test_only_a_draft_is_editable(plan, staff_user):
    assert permissions.can_edit_version(staff_user, PlanVersionFactory(plan=plan))
    for trait in ("shared", "consultation", "issued", "superseded"):
        assert not permissions.can_edit_version(staff_user, PlanVersionFactory(plan=plan, **{trait: True}))


def test_panel_comments_only_on_versions_under_review(plan, panel_member_user, secretariat_user, staff_user):
    shared = PlanVersionFactory(plan=plan, shared=True)
    assert permissions.can_comment_on_version(panel_member_user, shared)
    assert permissions.can_comment_on_version(secretariat_user, shared)
    assert not permissions.can_comment_on_version(staff_user, shared)
    assert not permissions.can_comment_on_version(panel_member_user, PlanVersionFactory(plan=plan))
    assert not permissions.can_comment_on_version(panel_member_user, PlanVersionFactory(plan=plan, issued=True))


def test_panel_of_another_area_cannot_comment(plan, other_area):
    outsider = UserFactory(panel_member=True, areas=[other_area])
    assert not permissions.can_comment_on_version(outsider, PlanVersionFactory(plan=plan, shared=True))


def test_partner_cannot_view_or_write_comments(plan, partner_user):
    version = PlanVersionFactory(plan=plan, consultation=True)
    assert not permissions.can_view_comments(partner_user, version)
    assert not permissions.can_comment_on_version(partner_user, version)


def test_resolving_a_thread(plan, area, panel_member_user, secretariat_user, staff_user):
    comment = CommentFactory(
        section=SectionFactory(version=PlanVersionFactory(plan=plan, shared=True)), author=panel_member_user
    )
    assert permissions.can_resolve_comment(panel_member_user, comment)
    assert permissions.can_resolve_comment(secretariat_user, comment)
    assert permissions.can_resolve_comment(staff_user, comment)
    assert not permissions.can_resolve_comment(UserFactory(panel_member=True, areas=[area]), comment)
    reply = CommentFactory(section=comment.section, version=comment.version, parent=comment)
    assert not permissions.can_resolve_comment(staff_user, reply)  # threads are resolved, not replies


def test_pdf_follows_the_version_page(plan, panel_member_user):
    from django.contrib.auth.models import AnonymousUser

    draft, issued = PlanVersionFactory(plan=plan), PlanVersionFactory(plan=plan, issued=True)
    assert not permissions.can_view_version_pdf(panel_member_user, version_id=draft.pk)
    assert not permissions.can_view_version_pdf(AnonymousUser(), version_id=draft.pk)
    assert permissions.can_view_version_pdf(AnonymousUser(), version_id=issued.pk)
