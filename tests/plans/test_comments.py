"""The panel comments on sections and quoted passages, replies in threads and resolves."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import Comment
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post_comment(client, version, section, **data):
    prefix = f"s{section.pk}-"
    url = reverse("plans:comment_create", kwargs={"pk": version.pk, "section_pk": section.pk})
    return client.post(url, {prefix + k: v for k, v in data.items()}, follow=True)


def test_panel_member_comments_on_a_section(client, panel_member_user, shared):
    client.force_login(panel_member_user)
    section = shared.sections.get(key="partnership-working")
    response = _post_comment(client, shared, section, body="Partners have their own statutory duties.")
    assert b"Comment added." in response.content
    assert b"Partners have their own statutory duties." in response.content
    comment = Comment.objects.get()
    assert (comment.section, comment.author, comment.quote) == (section, panel_member_user, "")


def test_comment_on_selected_passage_stores_quote_and_offsets(client, panel_member_user, shared):
    client.force_login(panel_member_user)
    section = shared.sections.get(key="vision")  # "Keep people **safe**." reads "Keep people safe."
    text = services.section_plain_text(section)
    start = text.index("people safe")
    _post_comment(
        client, shared, section, body="Which people?", quote="people safe", quote_start=start, quote_end=start + 11
    )
    comment = Comment.objects.get()
    assert comment.quote == "people safe"
    assert text[comment.quote_start : comment.quote_end] == "people safe"


def test_pasted_passage_without_offsets_is_anchored_to_the_text(panel_member_user, shared):
    section = shared.sections.get(key="partnership-working")
    comment = services.comment_create(
        user=panel_member_user, version=shared, section=section, body="Which partners?", quote="with partners"
    )
    assert (comment.quote_start, comment.quote_end) == (5, 18)


def test_passage_not_in_the_section_is_refused_with_a_message(client, panel_member_user, shared):
    client.force_login(panel_member_user)
    section = shared.sections.get(key="vision")
    response = _post_comment(client, shared, section, body="Hmm", quote="words that are not there")
    assert response.status_code == 400
    assert b"The quoted passage is not in this section" in response.content
    assert not Comment.objects.exists()


def test_empty_comment_is_refused(client, panel_member_user, shared):
    client.force_login(panel_member_user)
    response = _post_comment(client, shared, shared.sections.first(), body="")
    assert response.status_code == 400
    assert b"This field is required." in response.content


def test_panel_cannot_comment_on_a_draft_or_issued_version(client, panel_member_user, draft, staff_user):
    client.force_login(panel_member_user)
    assert _post_comment(client, draft, draft.sections.first(), body="Early").status_code == 404
    draft.status, draft.shared_at = draft.Status.ISSUED, draft.created_at
    draft.issued_at = draft.created_at
    draft.save()
    assert _post_comment(client, draft, draft.sections.first(), body="Late").status_code == 403
    assert not Comment.objects.exists()


def test_staff_cannot_start_a_thread_but_reply_and_resolve(client, staff_user, panel_member_user, shared):
    section = shared.sections.first()
    client.force_login(staff_user)
    assert _post_comment(client, shared, section, body="Staff note").status_code == 403
    comment = services.comment_create(user=panel_member_user, version=shared, section=section, body="Rank them")
    response = client.post(
        reverse("plans:comment_reply", kwargs={"pk": comment.pk}),
        {f"c{comment.pk}-body": "We will not rank."},
        follow=True,
    )
    assert b"We will not rank." in response.content
    client.post(reverse("plans:comment_resolve", kwargs={"pk": comment.pk}))
    comment.refresh_from_db()
    assert comment.is_resolved and comment.resolved_by == staff_user
    assert comment.replies.get().author == staff_user


def test_another_panel_member_cannot_resolve_someone_elses_comment(client, panel_member_user, area, shared):
    comment = services.comment_create(
        user=panel_member_user, version=shared, section=shared.sections.first(), body="Rank them"
    )
    colleague = UserFactory(panel_member=True, areas=[area])
    client.force_login(colleague)
    assert client.post(reverse("plans:comment_resolve", kwargs={"pk": comment.pk})).status_code == 403
    client.force_login(panel_member_user)
    client.post(reverse("plans:comment_resolve", kwargs={"pk": comment.pk}))
    comment.refresh_from_db()
    assert comment.is_resolved


def test_secretariat_resolves_any_thread(secretariat_user, panel_member_user, shared):
    comment = services.comment_create(
        user=panel_member_user, version=shared, section=shared.sections.first(), body="Rank them"
    )
    services.comment_resolve(user=secretariat_user, comment=comment)
    comment.refresh_from_db()
    assert comment.resolved_by == secretariat_user
    assert comment.history.first().history_change_reason == "Resolved"


def test_staff_see_every_comment_grouped_by_section(client, staff_user, panel_member_user, secretariat_user, shared):
    vision, partners = shared.sections.get(key="vision"), shared.sections.get(key="partnership-working")
    services.comment_create(user=panel_member_user, version=shared, section=partners, body="Statutory duties?")
    services.comment_create(user=secretariat_user, version=shared, section=vision, body="Vulnerable people?")
    client.force_login(staff_user)
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "2 unresolved comments" in page
    vision_at, partners_at = page.index('id="section-vision"'), page.index('id="section-partnership-working"')
    assert vision_at < page.index("Vulnerable people?") < partners_at < page.index("Statutory duties?")


def test_comments_of_another_area_are_404(client, other_panel_member, panel_member_user, shared):
    comment = services.comment_create(user=panel_member_user, version=shared, section=shared.sections.first(), body="x")
    client.force_login(other_panel_member)
    url = reverse("plans:comment_reply", kwargs={"pk": comment.pk})
    assert client.post(url, {f"c{comment.pk}-body": "Intrude"}).status_code == 404


def test_comment_form_on_the_page_posts_the_fields_the_form_expects(client, panel_member_user, shared):
    from plans.forms import CommentForm

    section = shared.sections.first()
    client.force_login(panel_member_user)
    page = client.get(shared.get_absolute_url()).content.decode()
    for name in CommentForm(section=section).fields:
        assert f'name="s{section.pk}-{name}"' in page


def test_version_page_shows_each_threads_state_replies_and_the_forms_the_user_may_use(
    client, staff_user, panel_member_user, shared
):
    first, second = shared.sections.order_by("position")[:2]
    resolved = services.comment_create(user=panel_member_user, version=shared, section=first, body="Rank them")
    services.comment_reply(user=staff_user, parent=resolved, body="We will not rank.")
    services.comment_resolve(user=staff_user, comment=resolved)
    open_thread = services.comment_create(user=panel_member_user, version=shared, section=first, body="Fund it")
    client.force_login(staff_user)
    page = client.get(shared.get_absolute_url()).content.decode()
    resolved.refresh_from_db()
    on = f"{resolved.resolved_at:%-d %B %Y}"
    assert f"Resolved by {staff_user.full_name} on {on}." in page
    assert f"<strong>{staff_user.full_name}</strong> (OPCC staff)" in page  # the reply, with its author
    assert "We will not rank." in page
    # Only the open thread can still be resolved; staff reply but never start a thread.
    assert page.count("Mark resolved") == 1
    assert reverse("plans:comment_resolve", kwargs={"pk": open_thread.pk}) in page
    assert f'name="c{open_thread.pk}-body"' in page
    assert 'data-comment-form="' not in page
    assert page.count("No comments yet.") == shared.sections.count() - 1  # every section but the first
    client.force_login(panel_member_user)
    page = client.get(shared.get_absolute_url()).content.decode()
    assert f'data-comment-form="{second.pk}"' in page  # the panel comments on any section
