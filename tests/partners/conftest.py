import io

import pytest

from partners import demo as partners_demo
from partners.models import Contact
from pcc_portal.accounts import demo as accounts_demo
from pcc_portal.accounts.models import User
from tests.partners.factories import OrganisationFactory


@pytest.fixture
def demo(db):
    """Load the accounts and partners demo data (the seeds)."""
    accounts_demo.load(stdout=io.StringIO())
    partners_demo.load(stdout=io.StringIO())
    return User.objects.get(email="staff@demo.pcc-portal.org.uk")


@pytest.fixture
def partner_org(area):
    return OrganisationFactory(name="Voluntary Action Test", areas=[area])


@pytest.fixture
def linked_partner(partner_user, partner_org):
    """A partner user whose contact belongs to `partner_org`."""
    Contact.objects.create(organisation=partner_org, full_name=partner_user.full_name, user=partner_user)
    return partner_user
