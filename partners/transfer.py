"""Organisations and contacts in and out as CSV and XLSX.

An import is checked in full before anything is written: a file with any bad
row imports nothing, and each error names its row and its column.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core import spreadsheets

from .models import Contact, Organisation, OrganisationType, PartnershipArea

ORGANISATION_COLUMNS = ["name", "type", "partnership_area", "population", "org_id", "website", "address", "parent"]
CONTACT_COLUMNS = [
    "organisation",
    "full_name",
    "job_title",
    "seniority",
    "email",
    "phone",
    "bulletin_consent",
    "bulletin_consent_at",
]
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def organisation_rows(organisations: Iterable[Organisation]) -> Iterable[list[str]]:
    types, areas = dict(OrganisationType.choices), dict(PartnershipArea.choices)
    for org in organisations:
        yield [
            org.name,
            types.get(org.org_type, org.org_type),
            areas.get(org.partnership_area, org.partnership_area),
            "" if org.population is None else str(org.population),
            org.org_id,
            org.website,
            org.address,
            org.parent.name if org.parent_id else "",
        ]


def contact_rows(contacts: Iterable[Contact]) -> Iterable[list[str]]:
    for contact in contacts:
        yield [
            contact.organisation.name,
            contact.full_name,
            contact.job_title,
            contact.get_seniority_display(),
            contact.email,
            contact.phone,
            "yes" if contact.bulletin_consent else "no",
            contact.bulletin_consent_at.date().isoformat() if contact.bulletin_consent_at else "",
        ]


def to_csv(header: list[str], rows: Iterable[list[str]]) -> bytes:
    return spreadsheets.csv_bytes(header, rows)


def to_xlsx(header: list[str], rows: Iterable[list[str]], *, sheet: str) -> bytes:
    return spreadsheets.xlsx_bytes(header, rows, sheet=sheet)


@dataclass
class RowError:
    row: int  # the line in the file (the header is line 1)
    column: str
    message: str


@dataclass
class ImportPlan:
    created: list[Organisation] = field(default_factory=list)
    updated: list[Organisation] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)  # organisation name -> parent name
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def row_count(self) -> int:
        return len(self.created) + len(self.updated)


def _choice(value: str, choices) -> str | None:
    """Match a choice by its value or its label, ignoring case."""
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in {key.lower(), label.lower()}:
            return key
    return None


FIELD_TO_COLUMN = {"org_type": "type", "parent": "parent"}


def _read_csv(data: bytes) -> tuple[list[str], list[dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.") from None
    if "\x00" in text:
        raise ValidationError("The file holds a NUL character, so it is not a text CSV. Save it again as “CSV UTF-8”.")
    # newline="" lets the csv module read every line ending: Windows, Unix and old Mac.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        return header, list(reader)
    except csv.Error as error:  # e.g. a field longer than the csv module's limit
        raise ValidationError(f"The file is not a CSV the portal can read ({error}).") from None


def organisations_import_plan(*, data: bytes, area: ForceArea) -> ImportPlan:
    """Check a CSV of organisations for the area; write nothing."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(f"The file is larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB.")
    header, records = _read_csv(data)
    missing = [c for c in ("name", "type", "partnership_area") if c not in header]
    if missing:
        raise ValidationError(f"The first line must name the columns; missing: {', '.join(missing)}.")
    if not records:
        raise ValidationError("The file has no rows below the header.")
    if len(records) > MAX_IMPORT_ROWS:
        raise ValidationError(f"Import at most {MAX_IMPORT_ROWS} rows at a time.")

    plan = ImportPlan()
    existing = {o.name.lower(): o for o in Organisation.objects.filter(force_areas=area)}
    names_in_file: dict[str, int] = {}
    org_ids_in_file: dict[str, int] = {}
    for line, record in enumerate(records, start=2):
        values = {k: (v or "").strip() for k, v in record.items() if k}
        name = values.get("name", "")
        if name.lower() in names_in_file:
            plan.errors.append(RowError(line, "name", f"Repeats row {names_in_file[name.lower()]}."))
            continue
        names_in_file[name.lower()] = line
        org = existing.get(name.lower()) or Organisation()
        org.name = name
        row_errors: list[RowError] = []
        org_type = _choice(values.get("type", ""), OrganisationType.choices)
        if org_type is None:
            row_errors.append(RowError(line, "type", f"“{values.get('type', '')}” is not an organisation type."))
        else:
            org.org_type = org_type
        partnership_area = _choice(values.get("partnership_area", ""), PartnershipArea.choices)
        if partnership_area is None:
            row_errors.append(
                RowError(line, "partnership_area", f"“{values.get('partnership_area', '')}” is not a partnership area.")
            )
        else:
            org.partnership_area = partnership_area
        population = values.get("population", "").replace(",", "")
        if population:
            if population.isdigit():
                org.population = int(population)
            else:
                row_errors.append(RowError(line, "population", "Enter a whole number."))
        org.org_id = values.get("org_id", "")
        if org.org_id:
            if org.org_id in org_ids_in_file:
                row_errors.append(RowError(line, "org_id", f"Repeats row {org_ids_in_file[org.org_id]}."))
            org_ids_in_file[org.org_id] = line
            taken = Organisation.objects.filter(org_id=org.org_id).exclude(pk=org.pk).first()
            if taken:
                row_errors.append(RowError(line, "org_id", f"Already used by {taken.name}."))
        org.website = values.get("website", "")
        org.address = values.get("address", "")
        try:
            org.full_clean(exclude=["parent"])
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = FIELD_TO_COLUMN.get(field_name, field_name)
                if any(e.column == column for e in row_errors):
                    continue
                row_errors.extend(RowError(line, column, m) for m in messages)
        if values.get("parent"):
            plan.parents[name] = values["parent"]
        plan.errors.extend(row_errors)
        (plan.updated if org.pk else plan.created).append(org)

    known = set(existing) | set(names_in_file)
    for child, parent in plan.parents.items():
        if parent.lower() not in known:
            plan.errors.append(RowError(names_in_file[child.lower()], "parent", f"No organisation called “{parent}”."))
    plan.errors.sort(key=lambda e: (e.row, e.column))
    return plan


@transaction.atomic
def organisations_import(*, data: bytes, area: ForceArea) -> ImportPlan:
    """Import the CSV if every row is valid; otherwise write nothing and return the errors."""
    plan = organisations_import_plan(data=data, area=area)
    if not plan.ok:
        return plan
    saved: dict[str, Organisation] = {}
    for org in [*plan.created, *plan.updated]:
        org.save()
        org.force_areas.add(area)
        saved[org.name.lower()] = org
    for child, parent in plan.parents.items():
        parent_org = (
            saved.get(parent.lower()) or Organisation.objects.filter(force_areas=area, name__iexact=parent).first()
        )
        Organisation.objects.filter(pk=saved[child.lower()].pk).update(parent=parent_org)
    return plan


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


def contacts_import_plan(*, data: bytes, area: ForceArea) -> ImportPlan:
    """Check a CSV of contacts of the area's organisations; write nothing.

    A contact is matched by organisation and email address (or name, without one).
    """
    import datetime as dt

    from django.utils import timezone

    from .models import SeniorityTier

    header, records = _read_csv(data)
    missing = [c for c in ("organisation", "full_name") if c not in header]
    if missing:
        raise ValidationError(f"The first line must name the columns; missing: {', '.join(missing)}.")
    if not records:
        raise ValidationError("The file has no rows below the header.")
    if len(records) > MAX_IMPORT_ROWS:
        raise ValidationError(f"Import at most {MAX_IMPORT_ROWS} rows at a time.")
    organisations = Organisation.objects.filter(force_areas=area)
    by_name = {o.name.lower(): o for o in organisations}
    by_org_id = {o.org_id.lower(): o for o in organisations if o.org_id}
    existing = {}
    for contact in Contact.objects.filter(organisation__in=organisations):
        existing[(contact.organisation_id, (contact.email or contact.full_name).lower())] = contact
    plan = ImportPlan()
    seen: dict[tuple, int] = {}
    for line, record in enumerate(records, start=2):
        values = {k: (v or "").strip() for k, v in record.items() if k}
        row_errors: list[RowError] = []
        key = values.get("organisation", "").lower()
        organisation = by_name.get(key) or by_org_id.get(key)
        if organisation is None:
            plan.errors.append(
                RowError(line, "organisation", f"No organisation “{values.get('organisation', '')}” in {area.name}.")
            )
            continue
        email = values.get("email", "")
        identity = (organisation.pk, (email or values.get("full_name", "")).lower())
        if identity in seen:
            plan.errors.append(RowError(line, "email" if email else "full_name", f"Repeats row {seen[identity]}."))
            continue
        seen[identity] = line
        contact = existing.get(identity) or Contact(organisation=organisation)
        contact.full_name = values.get("full_name", "")
        contact.job_title = values.get("job_title", "")
        contact.email = email
        contact.phone = values.get("phone", "")
        seniority = values.get("seniority", "")
        if seniority:
            matched = _choice(seniority, SeniorityTier.choices)
            if matched is None:
                row_errors.append(RowError(line, "seniority", f"“{seniority}” is not a seniority tier."))
            else:
                contact.seniority = matched
        consent = values.get("bulletin_consent", "").lower()
        if consent in YES:
            contact.bulletin_consent = True
            given = values.get("bulletin_consent_at", "")
            if given:
                try:
                    day = dt.date.fromisoformat(given)
                except ValueError:
                    row_errors.append(RowError(line, "bulletin_consent_at", "Enter a date as YYYY-MM-DD."))
                else:
                    contact.bulletin_consent_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
            elif not contact.bulletin_consent_at:
                row_errors.append(
                    RowError(line, "bulletin_consent_at", "Give the date the person agreed to receive bulletins.")
                )
        elif consent in NO:
            contact.bulletin_consent, contact.bulletin_consent_at = False, None
        else:
            row_errors.append(RowError(line, "bulletin_consent", "Enter yes or no."))
        try:
            contact.full_clean(exclude=["user"])
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                if any(e.column == field_name for e in row_errors):
                    continue
                row_errors.extend(RowError(line, field_name, m) for m in messages)
        plan.errors.extend(row_errors)
        (plan.updated if contact.pk else plan.created).append(contact)
    plan.errors.sort(key=lambda e: (e.row, e.column))
    return plan


@transaction.atomic
def contacts_import(*, data: bytes, area: ForceArea) -> ImportPlan:
    """Import the contacts if every row is valid; otherwise write nothing and return the errors."""
    plan = contacts_import_plan(data=data, area=area)
    if plan.ok:
        for contact in [*plan.created, *plan.updated]:
            contact.save()
    return plan
