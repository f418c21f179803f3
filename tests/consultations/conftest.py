import pytest

from tests.accounts.factories import UserFactory
from tests.partners.factories import ContactFactory, OrganisationFactory

from .factories import ConsultationFactory, QuestionFactory


@pytest.fixture
def organisation(area):
    return OrganisationFactory(name="Voluntary Action Leicestershire", areas=[area])


@pytest.fixture
def other_organisation(area):
    return OrganisationFactory(name="Charnwood Borough Council", council=True, areas=[area])


@pytest.fixture
def partner(partner_user, organisation):
    """A partner user linked to their organisation."""
    ContactFactory(user=partner_user, organisation=organisation, email=partner_user.email)
    return partner_user


@pytest.fixture
def colleague(area, organisation):
    """Another partner user of the same organisation."""
    user = UserFactory(partner=True, areas=[area])
    ContactFactory(user=user, organisation=organisation, email=user.email)
    return user


@pytest.fixture
def other_partner(area, other_organisation):
    user = UserFactory(partner=True, areas=[area])
    ContactFactory(user=user, organisation=other_organisation, email=user.email)
    return user


@pytest.fixture
def consultation(area, organisation, other_organisation):
    consultation = ConsultationFactory(force_area=area, invited=[organisation, other_organisation])
    QuestionFactory(consultation=consultation, text="Your comments", mandatory=True, position=1)
    QuestionFactory(consultation=consultation, text="Should priorities be ranked?", single=True, position=2)
    QuestionFactory(consultation=consultation, text="How well does it fit?", rating=True, position=3)
    return consultation
