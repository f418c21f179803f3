"""Draft → shared → consultation → issued; variations start new versions; issued versions are read-only."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from plans import services
from plans.models import Distribution, PlanVersion, Section

from .factories import ObjectiveFactory, PlanVersionFactory

pytestmark = pytest.mark.django_db
S = PlanVersion.Status


def test_staff_share_draft_with_panel_through_the_page(client, staff_user, draft):
    client.force_login(staff_user)
    response = client.post(reverse("plans:version_share", kwargs={"pk": draft.pk}), follow=True)
    assert b"Shared with the panel" in response.content
    draft.refresh_from_db()
    assert draft.status == S.SHARED
    assert draft.shared_at is not None
    assert draft.history.first().history_change_reason == "Shared with the panel"
    assert draft.history.first().history_user == staff_user


def test_empty_draft_cannot_be_shared(staff_user, plan):
    version = PlanVersionFactory(plan=plan)
    with pytest.raises(ValidationError, match="at least one section"):
        services.version_share_with_panel(user=staff_user, version=version)


def test_panel_member_cannot_share_or_issue(panel_member_user, shared):
    with pytest.raises(PermissionDenied):
        services.version_issue(user=panel_member_user, version=shared)


def test_transition_from_stale_state_is_refused(staff_user, shared):
    stale = PlanVersion.objects.get(pk=shared.pk)
    services.version_issue(user=staff_user, version=shared)
    with pytest.raises(ValidationError, match="changed this version meanwhile"):
        services.version_open_consultation(
            user=staff_user, version=stale, opens=timezone.now(), closes=timezone.now() + timedelta(days=1)
        )


def test_draft_cannot_be_issued_without_going_to_the_panel(staff_user, draft):
    with pytest.raises(ValidationError, match="cannot become issued"):
        services.version_issue(user=staff_user, version=draft)


def test_consultation_window_is_stored_and_shown(client, staff_user, shared):
    client.force_login(staff_user)
    url = reverse("plans:version_consultation", kwargs={"pk": shared.pk})
    response = client.post(url, {"opens": "2013-01-21T09:00", "closes": "2013-03-10T23:59"}, follow=True)
    assert b"Public consultation opened" in response.content
    assert "21 January 2013, 09:00 to 10 March 2013, 23:59" in response.content.decode()
    shared.refresh_from_db()
    assert shared.status == S.CONSULTATION


def test_consultation_closing_before_it_opens_is_refused_with_a_message(client, staff_user, shared):
    client.force_login(staff_user)
    url = reverse("plans:version_consultation", kwargs={"pk": shared.pk})
    response = client.post(url, {"opens": "2013-03-10T09:00", "closes": "2013-01-21T09:00"})
    assert response.status_code == 200
    assert b"The consultation must close after it opens." in response.content
    shared.refresh_from_db()
    assert shared.status == S.SHARED


def test_issuing_publishes_supersedes_and_records_distribution(client, staff_user, shared, area_partners):
    later = services.version_create_from(user=staff_user, source=shared, label="March 2013 revised")
    later.status, later.shared_at = S.CONSULTATION, timezone.now()
    later.save()
    client.force_login(staff_user)
    response = client.post(reverse("plans:version_issue", kwargs={"pk": later.pk}), {"confirmed": "1"}, follow=True)
    assert b"Distribution recorded to 3 organisations" in response.content
    later.refresh_from_db()
    shared.refresh_from_db()
    assert later.status == S.ISSUED and later.issued_at is not None
    assert shared.status == S.SUPERSEDED
    rows = {d.organisation.name: d.recipient for d in later.distributions.select_related("organisation")}
    assert rows == {
        "Leicestershire Police": Distribution.Recipient.CHIEF_CONSTABLE,
        "Blaby District Council": Distribution.Recipient.RESPONSIBLE_AUTHORITY,
        "Leicestershire Fire and Rescue Service": Distribution.Recipient.RESPONSIBLE_AUTHORITY,
    }
    assert "Voluntary Action Leicestershire" not in rows
    services.distribution_record(user=staff_user, version=later)
    assert later.distributions.count() == 3
    client.logout()
    assert b"Blaby District Council (responsible authority)" in client.get(later.get_absolute_url()).content


def test_issued_version_cannot_be_edited(client, staff_user, plan):
    issued = PlanVersionFactory(plan=plan, issued=True)
    section = Section.objects.create(version=issued, key="vision", heading="My vision", body="Safe.")
    with pytest.raises(PermissionDenied, match="no longer a draft"):
        services.version_update(user=staff_user, version=issued, label="Changed")
    with pytest.raises(PermissionDenied):
        services.version_item_delete(user=staff_user, item=section)
    client.force_login(staff_user)
    url = reverse("plans:item_edit", kwargs={"pk": issued.pk, "kind": "section", "item_pk": section.pk})
    assert client.post(url, {"heading": "Changed", "key": "vision", "position": 0, "body": "x"}).status_code == 403
    section.refresh_from_db()
    assert section.heading == "My vision"
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "Edit details" not in page
    assert "read-only" in page


def test_correction_of_issued_version_makes_a_new_draft_with_its_contents(staff_user, plan):
    issued = PlanVersionFactory(plan=plan, number=1, issued=True)
    Section.objects.create(version=issued, key="vision", heading="My vision", body="Safe.")
    ObjectiveFactory(version=issued, key="reduce-crime")
    variation = services.version_create_from(user=staff_user, source=issued, label="Variation 2014")
    assert variation.number == 2
    assert variation.status == S.DRAFT
    assert variation.based_on == issued
    assert list(variation.sections.values_list("key", flat=True)) == ["vision"]
    assert list(variation.objectives.values_list("key", flat=True)) == ["reduce-crime"]
    issued.refresh_from_db()
    assert issued.status == S.ISSUED  # until the variation is itself issued


def test_staff_add_a_priority_with_resources_and_rank(client, staff_user, draft):
    client.force_login(staff_user)
    url = reverse("plans:item_add", kwargs={"pk": draft.pk, "kind": "priority"})
    data = {"title": "Hate crime", "key": "hate-crime", "rank": 2, "position": 3, "resources_pounds": "125000.50"}
    response = client.post(url, data, follow=True)
    assert b"The priority was saved." in response.content
    assert "£125,000.50" in response.content.decode()
    assert b"Rank 2" in response.content


def test_duplicate_section_key_is_refused_on_the_form(client, staff_user, draft):
    client.force_login(staff_user)
    url = reverse("plans:item_add", kwargs={"pk": draft.pk, "kind": "section"})
    response = client.post(url, {"heading": "Again", "key": "vision", "position": 5, "body": "x"})
    assert response.status_code == 200
    assert b"Another item of this version already uses this key." in response.content
    assert draft.sections.count() == 2


def test_section_markdown_is_sanitised(client, staff_user, draft):
    client.force_login(staff_user)
    url = reverse("plans:item_add", kwargs={"pk": draft.pk, "kind": "section"})
    client.post(url, {"heading": "Bad", "key": "bad", "position": 5, "body": "Hi <script>alert(1)</script>"})
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_plan_with_period_ending_before_it_starts_is_refused(client, staff_user, area):
    client.force_login(staff_user)
    data = {
        "force_area": area.pk,
        "title": "Police and Crime Plan 2013–2017",
        "period_start": "2017-03-31",
        "period_end": "2013-04-01",
        "commissioner": "Sir Clive Loader",
        "first_label": "First draft",
    }
    response = client.post(reverse("plans:plan_create"), data)
    assert b"The plan period must end after it starts." in response.content
    data["period_start"], data["period_end"] = "2013-04-01", "2017-03-31"
    response = client.post(reverse("plans:plan_create"), data, follow=True)
    assert b"Plan created with an empty first draft." in response.content


def test_staff_cannot_create_a_plan_for_another_area(client, staff_user, other_area):
    client.force_login(staff_user)
    data = {
        "force_area": other_area.pk,
        "title": "Plan",
        "period_start": "2013-04-01",
        "period_end": "2017-03-31",
        "commissioner": "X",
        "first_label": "First draft",
    }
    response = client.post(reverse("plans:plan_create"), data)
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content


def test_history_shows_who_changed_what(client, staff_user, draft):
    services.version_update(user=staff_user, version=draft, label="January 2013 draft v2", summary="")
    client.force_login(staff_user)
    page = client.get(reverse("plans:version_history", kwargs={"pk": draft.pk})).content.decode()
    assert "January 2013 draft v2" in page
    assert "Changed" in page


def test_staff_edit_plan_details_and_panel_cannot(client, staff_user, panel_member_user, shared):
    url = reverse("plans:plan_edit", kwargs={"pk": shared.plan_id})
    data = {
        "title": "Police and Crime Plan 2013–2017",
        "period_start": "2013-04-01",
        "period_end": "2017-03-31",
        "commissioner": "Sir Clive Loader KCB",
        "election_date": "2012-11-15",
    }
    client.force_login(panel_member_user)
    assert client.post(url, data).status_code == 403
    client.force_login(staff_user)
    response = client.post(url, data, follow=True)
    assert b"Plan details saved." in response.content
    shared.plan.refresh_from_db()
    assert shared.plan.commissioner == "Sir Clive Loader KCB"
    history = client.get(reverse("plans:version_history", kwargs={"pk": shared.pk})).content.decode()
    assert "Plan: Police and Crime Plan 2013–2017" in history


def test_sharing_emails_the_areas_panel_once(
    staff_user,
    panel_member_user,
    secretariat_user,
    other_panel_member,
    draft,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from plans.tasks import notify_panel_of_shared_version

    with django_capture_on_commit_callbacks(execute=True):
        services.version_share_with_panel(user=staff_user, version=draft)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([panel_member_user.email, secretariat_user.email])
    assert mailoutbox[0].subject == "For your review: Police and Crime Plan 2013–2017, Version 1: January 2013 draft"
    assert draft.get_absolute_url() in mailoutbox[0].body
    assert notify_panel_of_shared_version(draft.pk) == 0  # a second run sends nothing
    assert len(mailoutbox) == 2


def test_objective_cannot_point_at_another_versions_priority(staff_user, draft, plan):
    from plans.models import Objective

    from .factories import PriorityFactory

    elsewhere = PriorityFactory(version=PlanVersionFactory(plan=plan, number=9))
    objective = Objective(key="reduce-crime", title="Reduce crime", measure="Recorded crime", priority=elsewhere)
    with pytest.raises(ValidationError, match="Choose a priority of this version"):
        services.version_item_save(user=staff_user, version=draft, item=objective)
    assert not draft.objectives.exists()
