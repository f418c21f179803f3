"""Writes to an area's transparency records: each checks permission, validates in full and saves in one transaction."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from pcc_portal.accounts.models import ForceArea

from .models import Contract, Decision, Gift, InspectionReport, Interest, PublicationEntry, SpendItem, SpendUpload
from .permissions import can_manage_transparency
from .spend_import import SpendPlan, spend_import_plan


def _check(user, area: ForceArea) -> None:
    if not can_manage_transparency(user, area):
        raise PermissionDenied("Only the area's OPCC staff keep its publication scheme.")


@transaction.atomic
def _save(*, user, area: ForceArea, instance: models.Model) -> models.Model:
    _check(user, area)
    instance.force_area = area
    instance.full_clean()
    instance.save()
    return instance


def decision_save(*, user, area: ForceArea, decision: Decision) -> Decision:
    """Save a decision; publishing it stamps the date it was published."""
    if decision.is_published and decision.published_on is None:
        decision.published_on = timezone.localdate()
    if not decision.is_published:
        decision.published_on = None
    return _save(user=user, area=area, instance=decision)


def interest_save(*, user, area: ForceArea, interest: Interest) -> Interest:
    return _save(user=user, area=area, instance=interest)


def gift_save(*, user, area: ForceArea, gift: Gift) -> Gift:
    return _save(user=user, area=area, instance=gift)


def contract_save(*, user, area: ForceArea, contract: Contract) -> Contract:
    if contract.end_date and contract.start_date and contract.end_date < contract.start_date:
        raise ValidationError({"end_date": "The contract cannot end before it starts."})
    return _save(user=user, area=area, instance=contract)


def inspection_save(*, user, area: ForceArea, report: InspectionReport) -> InspectionReport:
    if report.response_published_on and report.response_published_on < report.published_on:
        raise ValidationError({"response_published_on": "The response cannot be published before the report."})
    if report.response_published_on and not report.response.strip():
        raise ValidationError({"response": "Give the response, or leave its publication date empty."})
    return _save(user=user, area=area, instance=report)


@transaction.atomic
def publication_entry_save(
    *, user, area: ForceArea, publication_class: str, last_published_on: datetime.date | None, url: str, notes: str
) -> PublicationEntry:
    _check(user, area)
    entry = PublicationEntry.objects.select_for_update().filter(force_area=area, publication_class=publication_class)
    entry = entry.first() or PublicationEntry(force_area=area, publication_class=publication_class)
    entry.last_published_on, entry.url, entry.notes = last_published_on, url, notes
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def spend_import(
    *, user, area: ForceArea, data: bytes, filename: str, month: datetime.date, illustrative: bool = False
) -> SpendPlan:
    """Import a month's spending if every row is valid, replacing that month's earlier upload; else save nothing."""
    _check(user, area)
    plan = spend_import_plan(data=data, filename=filename, month=month)
    if not plan.ok:
        return plan
    upload, _ = SpendUpload.objects.select_for_update().get_or_create(force_area=area, month=month)
    upload.items.all().delete()
    SpendItem.objects.bulk_create(
        SpendItem(
            upload=upload,
            paid_on=row.paid_on,
            supplier=row.supplier,
            description=row.description,
            category=row.category,
            amount=row.amount,
            transaction_reference=row.transaction_reference,
        )
        for row in plan.rows
    )
    upload.filename = filename[:200]
    upload.row_count = len(plan.rows)
    upload.total = plan.total
    upload.uploaded_by = user
    upload.uploaded_at = timezone.now()
    upload.is_illustrative = illustrative
    upload.save()
    return plan
