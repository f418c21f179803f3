import pytest
from django.urls import reverse

from tests.partners.factories import (
    BulletinFactory,
    EngagementFactory,
    FollowUpActionFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "organisation",
        "contact",
        "organisationduty",
        "partnership",
        "partnershipmember",
        "engagement",
        "followupaction",
        "bulletin",
        "bulletindelivery",
    ],
)
def test_admin_lists_every_partner_model(client, admin_user, area, model):
    PartnershipMemberFactory(partnership=PartnershipFactory(force_area=area))
    FollowUpActionFactory(engagement=EngagementFactory(force_area=area))
    BulletinFactory(audience=[area])
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:partners_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:partners_{model}_changelist") + "?q=x").status_code == 200
