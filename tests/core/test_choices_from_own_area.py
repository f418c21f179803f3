"""Every form offers a one-area user only their own area's objects (issue 14, item 11).

Each form the fuzz test knows is opened by its user, a user of Leicestershire only,
while another area ("Zedshire") has one of everything a form could offer: its
organisations, contacts, boards, plan, panel, meetings, consultation, funding,
staff and successor officers. Nothing named Zedshire may appear on the page.
"""

import datetime

import pytest
from django.utils import timezone

from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.commissioning import factories as commissioning
from tests.consultations import factories as consultations
from tests.core.fuzz_world import World
from tests.core.test_form_fuzz import CASES
from tests.panels import factories as panels
from tests.partners import factories as partners
from tests.plans import factories as plans

pytestmark = pytest.mark.django_db

MARK = "Zedshire"


def build_other_area() -> None:
    """One of each object a form could offer, in another area, every name carrying the mark."""
    area = ForceAreaFactory(name=MARK, code="zedshire")
    council = partners.OrganisationFactory(areas=[area], name=f"{MARK} County Council", council=True)
    partners.OrganisationFactory(areas=[area], name=f"{MARK} Police", org_type="police_force")
    partners.OrganisationFactory(areas=[area], name=f"OPCC for {MARK}", org_type="opcc")
    partners.ContactFactory(organisation=council, full_name=f"{MARK} Contact")
    board = partners.PartnershipFactory(force_area=area, name=f"{MARK} Community Safety Board")
    partners.PartnershipMemberFactory(partnership=board, organisation=council)
    plan = plans.PlanFactory(force_area=area, title=f"{MARK} Police and Crime Plan")
    version = plans.PlanVersionFactory(plan=plan, shared=True, label=f"{MARK} draft")
    plans.PriorityFactory(version=version, title=f"{MARK} priority")
    panel = panels.PanelFactory(force_area=area, name=f"{MARK} Police and Crime Panel")
    panels.MembershipFactory(panel=panel, full_name=f"{MARK} Councillor", council=council)
    meeting = panels.MeetingFactory(panel=panel, starts_at=timezone.now() + datetime.timedelta(days=20))
    panels.AgendaItemFactory(meeting=meeting, title=f"{MARK} agenda item")
    consultations.ConsultationFactory(force_area=area, title=f"{MARK} consultation", invited=[council])
    stream = commissioning.FundingStreamFactory(force_area=area, name=f"{MARK} Community Safety Fund")
    commissioning.RoundFactory(stream=stream, title=f"{MARK} round")
    for role in ["opcc_staff", "panel_secretariat", "panel_member", "successor_officer", "partner"]:
        UserFactory(**{role: True}, areas=[area], full_name=f"{MARK} {role.replace('_', ' ')}")


SIGNED_IN_FORMS = sorted(
    name for name, case in CASES.items() if case.user and case.user != "admin" and not case.no_form_because
)


@pytest.mark.parametrize("name", SIGNED_IN_FORMS)
def test_a_one_area_user_is_offered_nothing_of_another_area(name, client):
    case = CASES[name]
    world = World()
    world.organisation, world.opcc, world.partnership  # noqa: B018 (choices for the forms' lists)
    url = case.url(world)
    page = case.page(world) if case.page else url
    user = world
    for part in case.user.split("."):
        user = getattr(user, part)
    build_other_area()
    client.force_login(user)
    shown = client.get(page, follow=True)
    assert shown.status_code == 200, f"{name}: the user cannot open {page}"
    leaked = sorted({line.strip() for line in shown.text.splitlines() if MARK in line})
    assert not leaked, f"{name} offers another area's objects at {page}: {leaked[:5]}"
