"""The version page's threads: the ones the user may read, in section order, with replies, authors and resolvers."""

import pytest
from django.db.models import Prefetch
from django.utils import timezone

from plans.models import Comment
from plans.selectors import comment_threads_for, comments_visible_to

from .factories import CommentFactory, PlanVersionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _as_the_orm_reads_them(user, version) -> list:
    """Return the threads as the page read them through the ORM before its query was compiled once."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    threads = (
        comments_visible_to(user)
        .filter(version=version, parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="reply_list"))
        .order_by("section__position", "section_id", "created_at", "pk")
    )
    return [_described(thread) for thread in threads]


def _described(thread) -> tuple:
    resolver = (thread.resolved_by.full_name, thread.resolved_by.role) if thread.resolved_by else None
    replies = [(r.pk, r.body, r.author.full_name, r.author.role, r.created_at) for r in thread.reply_list]
    fields = [getattr(thread, f.attname) for f in Comment._meta.concrete_fields]
    return (*fields, thread.author.full_name, thread.author.role, resolver, replies)


@pytest.fixture
def threads(shared, panel_member_user, secretariat_user, staff_user, other_panel_member):
    """Threads on two sections of the shared version, resolved or not, with replies; and one on another version."""
    later, earlier = shared.sections.order_by("position")[:2]
    later.position, earlier.position = 5, 1
    later.save(), earlier.save()
    first = CommentFactory(version=shared, section=later, author=panel_member_user, quote="partners")
    CommentFactory(version=shared, section=earlier, author=secretariat_user, resolved=True, resolved_by=staff_user)
    CommentFactory(version=shared, section=later, author=secretariat_user)
    CommentFactory(version=shared, section=later, parent=first, author=staff_user, body="We will.")
    CommentFactory(version=shared, section=later, parent=first, author=panel_member_user, body="Thank you.")
    elsewhere = SectionFactory(version=PlanVersionFactory(plan=shared.plan, number=2, shared=True))
    CommentFactory(version=elsewhere.version, section=elsewhere, author=panel_member_user)
    Comment.objects.filter(parent=first).update(created_at=timezone.now())  # replies at the same moment: by pk


@pytest.mark.parametrize(
    "who", ["staff_user", "panel_member_user", "secretariat_user", "admin_user", "other_panel_member", "partner_user"]
)
def test_threads_are_those_the_orm_reads_for_each_kind_of_user(request, threads, shared, who):
    user = request.getfixturevalue(who)
    for _ in range(2):  # the second time through the compiled query
        found = [_described(thread) for thread in comment_threads_for(user, shared)]
        assert found == _as_the_orm_reads_them(user, shared)
    assert bool(found) == (who in {"staff_user", "panel_member_user", "secretariat_user", "admin_user"})


def test_panel_member_reads_no_threads_of_a_draft(panel_member_user, staff_user, draft):
    CommentFactory(version=draft, section=draft.sections.first(), author=staff_user)
    assert comment_threads_for(panel_member_user, draft) == []
    assert len(comment_threads_for(staff_user, draft)) == 1


def test_threads_of_another_version_and_their_replies_are_left_out(threads, shared, staff_user):
    found = comment_threads_for(staff_user, shared)
    assert [len(thread.reply_list) for thread in found] == [0, 2, 0]
    assert [reply.body for reply in found[1].reply_list] == ["We will.", "Thank you."]
    assert {thread.version_id for thread in found} == {shared.pk}
