"""Contracts running past a transition's transfer date are proposed to its transfer register."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps

from pcc_portal.core.transfer import TransferKind, collect_transfer_proposals
from tests.partners.factories import OrganisationFactory

from .factories import ContractFactory

pytestmark = pytest.mark.django_db

TRANSFER_DAY = datetime.date(2028, 5, 11)


def test_contracts_running_past_the_transfer_date_are_proposed_with_their_supplier(area, other_area):
    supplier = OrganisationFactory(areas=[area], name="Voluntary Action Leicestershire")
    running = ContractFactory(
        force_area=area,
        reference="C-001",
        title="Victims' service",
        supplier=supplier,
        end_date=datetime.date(2029, 3, 31),
    )
    ContractFactory(force_area=area, reference="C-002", end_date=datetime.date(2027, 3, 31))
    ContractFactory(force_area=other_area, reference="C-003", end_date=datetime.date(2030, 1, 1))
    proposals = list(
        apps.get_app_config("transparency").transfer_proposals(area_id=area.pk, transfer_date=TRANSFER_DAY)
    )
    assert len(proposals) == 1
    proposal = proposals[0]
    assert proposal.source_key == f"transparency.contract:{running.pk}"
    assert proposal.kind == TransferKind.CONTRACT
    assert proposal.counterparty_id == supplier.pk
    assert proposal.amount == Decimal("25000.00")
    assert "Victims' service" in proposal.title
    assert "31 March 2029" in proposal.detail
    assert proposal.url.endswith(f"#contract-{running.pk}")


def test_contract_without_a_linked_supplier_has_no_counterparty(area):
    ContractFactory(force_area=area, supplier=None)
    keys = [p for p in collect_transfer_proposals(area_id=area.pk, transfer_date=TRANSFER_DAY) if p.kind == "contract"]
    assert [p.counterparty_id for p in keys if p.source_key.startswith("transparency.")] == [None]


def test_running_the_hook_twice_gives_the_same_keys(area):
    ContractFactory(force_area=area)
    config = apps.get_app_config("transparency")
    first = [p.source_key for p in config.transfer_proposals(area_id=area.pk, transfer_date=TRANSFER_DAY)]
    assert first == [p.source_key for p in config.transfer_proposals(area_id=area.pk, transfer_date=TRANSFER_DAY)]
