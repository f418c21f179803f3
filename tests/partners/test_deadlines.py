"""Follow-up actions and scheduled bulletins in the portal-wide deadline registry."""

import datetime

import pytest

from pcc_portal.deadlines.registry import LONDON, collect_deadlines
from tests.partners.factories import BulletinFactory, EngagementFactory, FollowUpActionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _window():
    start = datetime.datetime(2030, 6, 1, tzinfo=LONDON)
    return {"start": start, "end": start + datetime.timedelta(days=30)}


def test_staff_are_reminded_of_their_areas_unowned_actions_and_scheduled_bulletins(area, other_area, staff_user):
    engagement = EngagementFactory(force_area=area, title="Community safety board")
    action = FollowUpActionFactory(
        engagement=engagement, description="Send the minutes", owner="Head of policy", due_on=datetime.date(2030, 6, 3)
    )
    FollowUpActionFactory(engagement=EngagementFactory(force_area=other_area), due_on=datetime.date(2030, 6, 3))
    FollowUpActionFactory(engagement=engagement, due_on=datetime.date(2030, 6, 4), done=True)
    bulletin = BulletinFactory(
        scheduled=True,
        force_area=area,
        publisher=OrganisationFactory(name="OPCC for Leicestershire"),
        issue_label="Issue 12",
        issue_date=datetime.date(2030, 6, 9),
        scheduled_for=datetime.datetime(2030, 6, 9, 8, 0, tzinfo=LONDON),
    )
    BulletinFactory(scheduled=True, force_area=other_area, scheduled_for=datetime.datetime(2030, 6, 9, tzinfo=LONDON))

    deadlines = [d for d in collect_deadlines(**_window(), user=staff_user) if d.kind.startswith("partners.")]

    assert [(d.key, d.title, d.due, d.url, d.area_id, d.responsible) for d in deadlines] == [
        (
            f"partners.action:{action.pk}",
            "Send the minutes (Community safety board)",
            datetime.datetime(2030, 6, 3, 17, 0, tzinfo=LONDON),
            engagement.get_absolute_url(),
            area.pk,
            "Head of policy",
        ),
        (
            f"partners.bulletin:{bulletin.pk}",
            "PCC Bulletin Issue 12 – 9th June 2030",
            datetime.datetime(2030, 6, 9, 8, 0, tzinfo=LONDON),
            bulletin.get_absolute_url(),
            area.pk,
            "OPCC for Leicestershire",
        ),
    ]
    assert all(staff_user.pk in d.recipient_ids for d in deadlines)


def test_an_owned_action_reminds_its_owner_only(area, staff_user, admin_user):
    owner = admin_user
    action = FollowUpActionFactory(
        engagement=EngagementFactory(force_area=area), owner_user=owner, due_on=datetime.date(2030, 6, 3)
    )

    keys_for = {
        user: [d.key for d in collect_deadlines(**_window(), user=user) if d.kind.startswith("partners.")]
        for user in (staff_user, owner)
    }

    assert keys_for == {staff_user: [], owner: [f"partners.action:{action.pk}"]}
