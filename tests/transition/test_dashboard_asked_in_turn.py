"""The transition dashboard box reads through a query compiled once per shape: users asked one after another
each get the programmes of their own areas, never the first one's."""

import datetime

import pytest
from django.apps import apps

from tests.accounts.factories import UserFactory
from tests.transition.factories import ProgrammeFactory, TransferItemFactory
from transition.models import TransferItem, TransitionProgramme

pytestmark = pytest.mark.django_db


def _boxes(user) -> dict:
    """Return {box title: (name, transfer date, rows named, rows, link, readiness link) of each programme}."""
    return {
        panel.title: [
            (p.name, p.transfer_date, p.named_count, p.item_count, p.url, p.readiness_url)
            for p in panel.context["programmes"]
        ]
        for panel in apps.get_app_config("transition").dashboard_panels(user)
    }


def test_each_user_asked_in_turn_gets_only_their_own_areas_programmes(area, other_area, admin_user):
    ours = ProgrammeFactory(force_area=area, name="Our transfer", transfer_date=datetime.date(2028, 5, 8))
    theirs = ProgrammeFactory(force_area=other_area, name="Their transfer", transfer_date=datetime.date(2027, 4, 1))
    ProgrammeFactory(force_area=area, name="Our finished transfer", status=TransitionProgramme.Status.COMPLETE)
    TransferItemFactory(programme=ours, to_successor=True)
    TransferItemFactory(programme=ours, status=TransferItem.Status.TO_CLOSE)
    TransferItemFactory(programme=ours)
    TransferItemFactory(programme=theirs, receiver_kind=TransferItem.Receiver.CLOSE)
    our_row = (
        "Our transfer",
        datetime.date(2028, 5, 8),
        2,
        3,
        f"/transition/{ours.pk}/",
        f"/transition/{ours.pk}/readiness/",
    )
    their_row = (
        "Their transfer",
        datetime.date(2027, 4, 1),
        1,
        1,
        f"/transition/{theirs.pk}/",
        f"/transition/{theirs.pk}/readiness/",
    )

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert _boxes(UserFactory(opcc_staff=True, areas=[area])) == {"Transition": [our_row]}
        assert _boxes(UserFactory(opcc_staff=True, areas=[other_area])) == {"Transition": [their_row]}
        assert _boxes(UserFactory(successor_officer=True, areas=[area])) == {"Transition": [our_row]}
        assert _boxes(UserFactory(opcc_staff=True, areas=[area, other_area])) == {"Transition": [their_row, our_row]}
        assert _boxes(admin_user) == {"Transition": [their_row, our_row]}
        assert _boxes(UserFactory(panel_member=True, areas=[area])) == {}  # the panel reads them elsewhere
        assert _boxes(UserFactory(partner=True, areas=[area])) == {}
        assert _boxes(UserFactory(opcc_staff=True, areas=[])) == {}


def test_a_row_named_and_to_close_counts_once_and_only_the_five_transferring_soonest_are_listed(area):
    programmes = [
        ProgrammeFactory(force_area=area, name=f"Transfer {n}", transfer_date=datetime.date(2027, 1, 1 + n))
        for n in range(6)
    ]
    TransferItemFactory(programme=programmes[0], to_successor=True, status=TransferItem.Status.TO_CLOSE)
    TransferItemFactory(programme=programmes[0], receiver_kind=TransferItem.Receiver.ORGANISATION)
    TransferItemFactory(programme=programmes[0])
    TransferItemFactory(programme=programmes[1])
    TransferItemFactory(programme=programmes[5], to_successor=True)  # the sixth: not listed

    listed = _boxes(UserFactory(opcc_staff=True, areas=[area]))["Transition"]

    assert [(name, named, rows) for name, _, named, rows, *_ in listed] == [
        ("Transfer 0", 2, 3),
        ("Transfer 1", 0, 1),
        ("Transfer 2", 0, 0),
        ("Transfer 3", 0, 0),
        ("Transfer 4", 0, 0),
    ]


def test_twenty_rows_are_counted_with_those_named_and_none_of_another_programme(area, other_area):
    ours = ProgrammeFactory(force_area=area, name="Our transfer", transfer_date=datetime.date(2028, 5, 8))
    theirs = ProgrammeFactory(force_area=other_area, name="Their transfer", transfer_date=datetime.date(2027, 4, 1))
    for n in range(20):
        if n < 5:
            TransferItemFactory(programme=ours, to_successor=True)
        elif n < 8:
            TransferItemFactory(programme=ours, receiver_kind=TransferItem.Receiver.ORGANISATION)
        elif n < 10:
            TransferItemFactory(programme=ours, status=TransferItem.Status.TO_CLOSE)
        else:
            TransferItemFactory(programme=ours)
    for _ in range(3):
        TransferItemFactory(programme=theirs, receiver_kind=TransferItem.Receiver.CLOSE)

    listed = _boxes(UserFactory(opcc_staff=True, areas=[area]))["Transition"]

    assert [(name, named, rows) for name, _, named, rows, *_ in listed] == [("Our transfer", 10, 20)]
