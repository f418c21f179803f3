import pytest

from tests.accounts.factories import UserFactory
from tests.partners.factories import ContactFactory, OrganisationFactory

from .factories import ProgrammeFactory, TransferItemFactory, WorkstreamFactory


@pytest.fixture
def programme(area):
    return ProgrammeFactory(force_area=area)


@pytest.fixture
def successor_user(area):
    return UserFactory(successor_officer=True, areas=[area])


@pytest.fixture
def partner_org(area, partner_user):
    org = OrganisationFactory(areas=[area], name="Voluntary Action Leicestershire")
    ContactFactory(organisation=org, user=partner_user)
    return org


@pytest.fixture
def other_org(area):
    return OrganisationFactory(areas=[area], name="Another Charity")


@pytest.fixture
def workstream(programme):
    return WorkstreamFactory(programme=programme, key="commissioning", name="Commissioning and grants")


@pytest.fixture
def item(programme):
    return TransferItemFactory(programme=programme, title="Victims' services contract")
