"""What's due filtered to one kind lists what the whole list narrowed to that kind lists, and still offers every kind,
though an app that can tell its kinds (commissioning) builds its deadlines only when it has some of that kind."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Application, MonitoringReturn
from pcc_portal.deadlines.selectors import whats_due
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import (
    ApplicationFactory,
    GrantFactory,
    MonitoringReturnFactory,
    RoundFactory,
    partner_of,
)
from tests.panels.factories import PanelFactory, PanelReportFactory, RecommendationFactory
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(area, other_area, deadline_source):
    """Rounds, grants ending and returns (due, overdue, met long ago) in two areas, a panel report, and a source's
    plan issue dates."""
    now, today = timezone.now(), timezone.localdate()
    round_ = RoundFactory(stream__force_area=area, closes_at=now + datetime.timedelta(days=20))
    drafting = ApplicationFactory(round=round_, status=Application.Status.DRAFT).organisation
    ending = GrantFactory(stream__force_area=area, end_date=today + datetime.timedelta(days=40))
    for days in (-400, -30, -3, 5, 60):
        MonitoringReturnFactory(grant=ending, due_date=today + datetime.timedelta(days=days))
    MonitoringReturnFactory(
        grant=ending, due_date=today - datetime.timedelta(days=200), status=MonitoringReturn.Status.SUBMITTED
    )
    theirs = GrantFactory(stream__force_area=other_area, recipient=OrganisationFactory(areas=[other_area]))
    MonitoringReturnFactory(grant=theirs, due_date=today + datetime.timedelta(days=10))
    report = PanelReportFactory(
        panel=PanelFactory(force_area=area), responses_due_on=today + datetime.timedelta(days=8)
    )
    RecommendationFactory(report=report)
    staff = UserFactory(opcc_staff=True, areas=[area])
    deadline_source.add(key="plans.issue:1", due=now + datetime.timedelta(days=2), recipients=[staff], area=area)
    deadline_source.add(key="plans.issue:2", due=now - datetime.timedelta(days=2), recipients=[staff], area=area)
    return {
        "area staff": staff,
        "other area staff": UserFactory(opcc_staff=True, areas=[other_area]),
        "staff of both": UserFactory(opcc_staff=True, areas=[area, other_area]),
        "drafting partner": partner_of(drafting),
        "recipient partner": partner_of(ending.recipient),
        "returning partner": partner_of(theirs.recipient),
        "bystander partner": partner_of(OrganisationFactory(areas=[area])),
        "administrator": UserFactory(administrator=True),
        "secretariat": UserFactory(panel_secretariat=True, areas=[area]),
        "panel member": UserFactory(panel_member=True, areas=[area]),
    }


def _listed(due) -> list[list[tuple[str, str]]]:
    return [
        [(entry.deadline.key, entry.area_name) for entry in entries]
        for entries in (due.overdue, due.this_week, due.next_30_days, due.coming_up)
    ]


KINDS = [
    "commissioning.round_close",
    "commissioning.return_due",
    "commissioning.grant_end",
    "panels.responses_due",
    "plans.issue",
    "no.such_kind",
]


def test_each_users_list_of_one_kind_is_their_whole_list_narrowed_to_it(scene, area, other_area):
    now = timezone.now()
    names = {area.pk: area.name, other_area.pk: other_area.name}
    for name, user in scene.items():
        everything = whats_due(user, now=now, area_names=names)
        for kind in KINDS + [kind for kind, _label in everything.kinds]:
            of_kind = whats_due(user, now=now, kind=kind, area_names=names)
            assert of_kind.kinds == everything.kinds, (name, kind)
            assert _listed(of_kind) == _listed(everything.narrowed(kind=kind)), (name, kind)
    staff_kinds = {kind for kind, _label in whats_due(scene["area staff"], now=now).kinds}
    assert staff_kinds >= {"commissioning.round_close", "commissioning.return_due", "plans.issue"}
    assert len(_listed(whats_due(scene["area staff"], now=now, kind="commissioning.return_due"))[0]) == 3


def test_the_page_filtered_by_kind_lists_that_kind_and_an_unknown_kind_lists_everything(client, scene):
    client.force_login(scene["area staff"])
    url = reverse("deadlines:whats_due")
    everything = client.get(url).context["due"]
    for kind in ("plans.issue", "commissioning.return_due"):
        page = client.get(url, {"kind": kind})
        assert page.context["filtered"]
        assert _listed(page.context["due"]) == _listed(everything.narrowed(kind=kind))
        assert page.context["due"].kinds == everything.kinds
    unknown = client.get(url, {"kind": "no.such_kind"})
    assert not unknown.context["filtered"]
    assert _listed(unknown.context["due"]) == _listed(everything)
