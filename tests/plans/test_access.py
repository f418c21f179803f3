"""Who sees which version: the panel once shared, partners once public, everyone once issued."""

import pytest
from django.urls import reverse

from plans.models import Section
from tests.pdf_fetch import get_pdf

from .factories import PlanVersionFactory

pytestmark = pytest.mark.django_db


def _get(client, user, version, name="plans:version_detail"):
    if user is not None:
        client.force_login(user)
    return get_pdf(client, reverse(name, kwargs={"pk": version.pk}))


def test_panel_member_gets_404_for_draft_not_yet_shared(client, panel_member_user, draft):
    assert _get(client, panel_member_user, draft).status_code == 404
    assert _get(client, panel_member_user, draft, "plans:version_pdf").status_code == 404


def test_panel_member_sees_version_once_shared_and_can_comment(client, panel_member_user, shared):
    response = _get(client, panel_member_user, shared)
    assert response.status_code == 200
    assert "Keep people <strong>safe</strong>." in response.content.decode()
    assert b"Add comment" in response.content


def test_panel_member_cannot_edit_a_shared_version(client, panel_member_user, shared):
    client.force_login(panel_member_user)
    section = shared.sections.get(key="vision")
    url = reverse("plans:item_edit", kwargs={"pk": shared.pk, "kind": "section", "item_pk": section.pk})
    assert client.get(url).status_code == 403
    response = client.post(url, {"heading": "Hijacked", "key": "vision", "position": 0, "body": "x"})
    assert response.status_code == 403
    assert Section.objects.get(pk=section.pk).heading == "My vision"
    assert b"Edit details" not in _get(client, panel_member_user, shared).content


def test_panel_member_cannot_edit_a_draft_either(client, panel_member_user, draft):
    client.force_login(panel_member_user)
    assert client.get(reverse("plans:version_edit", kwargs={"pk": draft.pk})).status_code == 404


def test_version_page_offers_to_compare_only_with_versions_the_user_may_read(
    client, panel_member_user, staff_user, shared
):
    later_draft = PlanVersionFactory(plan=shared.plan, number=2, based_on=shared)
    compare = reverse("plans:version_compare", kwargs={"pk": shared.plan.pk})
    page = _get(client, panel_member_user, shared).content.decode()
    assert "Compare versions" not in page  # the later draft is not the panel's to read
    page = _get(client, staff_user, shared).content.decode()
    assert f'href="{compare}?old={later_draft.pk}&amp;new={shared.pk}"' in page
    page = _get(client, staff_user, later_draft).content.decode()
    assert f'href="{compare}?old={shared.pk}&amp;new={later_draft.pk}"' in page
    assert f'<a href="{shared.get_absolute_url()}">{shared.name}</a>' in page  # "based on" links to it


def test_secretariat_sees_shared_version_but_not_draft(client, secretariat_user, draft):
    assert _get(client, secretariat_user, draft).status_code == 404
    draft.status, draft.shared_at = draft.Status.SHARED, draft.created_at
    draft.save()
    assert _get(client, secretariat_user, draft).status_code == 200


def test_panel_member_of_another_area_gets_404_for_shared_version(client, other_panel_member, shared):
    assert _get(client, other_panel_member, shared).status_code == 404


def test_staff_of_area_see_and_edit_draft(client, staff_user, draft):
    response = _get(client, staff_user, draft)
    assert response.status_code == 200
    assert b"Edit details" in response.content
    assert b"Share with the panel" in response.content


def test_staff_of_another_area_get_404_for_draft_and_plan(client, other_area_staff, draft):
    assert _get(client, other_area_staff, draft).status_code == 404
    assert client.get(reverse("plans:plan_detail", kwargs={"pk": draft.plan_id})).status_code == 404
    assert draft.plan.title not in client.get(reverse("plans:plan_list")).content.decode()


def test_partner_of_area_sees_version_only_from_public_consultation(client, partner_user, shared):
    assert _get(client, partner_user, shared).status_code == 404
    in_consultation = PlanVersionFactory(plan=shared.plan, number=2, consultation=True)
    assert _get(client, partner_user, in_consultation).status_code == 200


def test_partner_of_another_area_sees_nothing_until_issued(client, other_partner_user, plan):
    versions = [
        PlanVersionFactory(plan=plan, number=1),
        PlanVersionFactory(plan=plan, number=2, shared=True),
        PlanVersionFactory(plan=plan, number=3, consultation=True),
    ]
    client.force_login(other_partner_user)
    for version in versions:
        assert _get(client, None, version).status_code == 404
    assert client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk})).status_code == 404
    assert plan.title not in client.get(reverse("plans:plan_list")).content.decode()
    issued = PlanVersionFactory(plan=plan, number=4, issued=True)
    assert _get(client, None, issued).status_code == 200
    assert client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk})).status_code == 200


def test_anonymous_visitor_opens_issued_version_page_and_pdf(client, plan):
    issued = PlanVersionFactory(plan=plan, issued=True, label="March 2013 revised")
    page = _get(client, None, issued)
    assert page.status_code == 200
    assert b"March 2013 revised" in page.content
    pdf = _get(client, None, issued, "plans:version_pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"March 2013 revised" in client.get(reverse("plans:public_list")).content


@pytest.mark.parametrize("trait", [{}, {"shared": True}, {"consultation": True}])
def test_anonymous_visitor_is_sent_to_sign_in_for_unissued_version(client, plan, trait):
    version = PlanVersionFactory(plan=plan, **trait)
    for name in ("plans:version_detail", "plans:version_pdf"):
        response = _get(client, None, version, name)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_administrator_sees_every_version(client, admin_user, draft):
    assert _get(client, admin_user, draft).status_code == 200


def test_partner_cannot_read_panel_comments(client, partner_user, plan):
    from .factories import CommentFactory, SectionFactory

    version = PlanVersionFactory(plan=plan, consultation=True)
    CommentFactory(section=SectionFactory(version=version), body="Private panel remark")
    response = _get(client, partner_user, version)
    assert response.status_code == 200
    assert b"Private panel remark" not in response.content


def test_dashboard_lists_versions_awaiting_the_panels_review(client, panel_member_user, other_panel_member, shared):
    from .factories import CommentFactory

    CommentFactory(section=shared.sections.first(), version=shared)
    client.force_login(panel_member_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Draft plans waiting for your comments" in page
    assert "January 2013 draft" in page and "1 unresolved comment" in page
    client.force_login(other_panel_member)
    assert "Draft plans waiting for your comments" not in client.get(reverse("core:dashboard")).content.decode()


def test_nav_shows_plans_to_signed_in_users(client, partner_user):
    client.force_login(partner_user)
    assert f'href="{reverse("plans:plan_list")}"' in client.get(reverse("core:dashboard")).content.decode()


def test_issued_plans_are_listed_a_page_at_a_time(client, area):
    from plans.views.plans import PUBLIC_PAGE_SIZE

    from .factories import PlanFactory

    for n in range(PUBLIC_PAGE_SIZE + 1):
        PlanVersionFactory(plan=PlanFactory(force_area=area, title=f"Plan {n:03d}"), issued=True)
    first = client.get(reverse("plans:public_list")).content.decode()
    assert first.count('<li class="mb-3">') == PUBLIC_PAGE_SIZE
    assert "Page 1 of 2" in first
    second = client.get(reverse("plans:public_list"), {"page": 2}).content.decode()
    assert second.count('<li class="mb-3">') == 1
