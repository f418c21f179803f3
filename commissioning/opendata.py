"""The public register of grants as open data: CSV and 360Giving JSON."""

import datetime
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from pcc_portal.core import spreadsheets

from .models import Grant
from .selectors import funder_for

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
GRANT_SCHEMA_URL = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/master/schema/360-giving-schema.json"
SCHEMA_VERSION = "1.0"
LICENSE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

CSV_HEADERS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Conditions",
    "Repayment conditions",
]


def pounds(pence: int) -> int | float:
    """Return pence as a number of pounds (exactly, without binary fractions for whole pounds)."""
    whole, part = divmod(pence, 100)
    return whole if part == 0 else round(pence / 100, 2)


def grant_identifier(grant: Grant) -> str:
    return f"360G-{funder_for(grant.force_area).prefix_360g}-{grant.reference}"


def recipient_identifier(grant: Grant) -> str:
    """Return the recipient's org-id, or one under the funder's own prefix when it has none."""
    if grant.recipient.org_id:
        return grant.recipient.org_id
    return f"360G-{funder_for(grant.force_area).prefix_360g}-org-{grant.recipient_id}"


def conditions_summary(grant: Grant) -> str:
    parts = [grant.conditions.strip()]
    if grant.repayment_conditions.strip():
        parts.append(f"Repayment: {grant.repayment_conditions.strip()}")
    return " ".join(p for p in parts if p)


def grant_to_360(grant: Grant) -> dict:
    funder = funder_for(grant.force_area)
    description = grant.purpose.strip()
    summary = conditions_summary(grant)
    if summary:
        description = f"{description}\n\nConditions: {summary}"
    return {
        "id": grant_identifier(grant),
        "title": grant.title[:140],
        "description": description,
        "currency": "GBP",
        "amountAwarded": pounds(grant.amount_pence),
        "awardDate": grant.award_date.isoformat(),
        "plannedDates": [{"startDate": grant.start_date.isoformat(), "endDate": grant.end_date.isoformat()}],
        "recipientOrganization": [{"id": recipient_identifier(grant), "name": grant.recipient.name}],
        "fundingOrganization": [{"id": funder.org_id, "name": funder.name}],
        "grantProgramme": [{"code": f"stream-{grant.stream_id}", "title": str(grant.stream)}],
        "fromOpenCall": "Yes" if grant.application_id else "No",
        "url": f"{settings.SITE_URL}/commissioning/register/{grant.pk}/",
        "dateModified": grant.updated_at.isoformat(),
    }


def package_360(grants: Iterable[Grant]) -> dict:
    return {
        "grants": [grant_to_360(g) for g in grants],
        "version": SCHEMA_VERSION,
        "title": "Grants made by Police and Crime Commissioners",
        "issued": timezone.now().isoformat(),
        "license": LICENSE_URL,
        "publisher": {"name": "PCC Partnership Portal", "website": settings.SITE_URL},
    }


def register_csv(grants: Iterable[Grant]) -> bytes:
    """Return the public register as CSV: open data, so no byte-order mark, and no cell that runs as a formula."""
    rows = (
        [
            grant_identifier(grant),
            grant.title,
            grant.purpose,
            "GBP",
            f"{grant.amount_pence / 100:.2f}",
            grant.award_date.isoformat(),
            grant.start_date.isoformat(),
            grant.end_date.isoformat(),
            recipient_identifier(grant),
            grant.recipient.name,
            funder.org_id,
            funder.name,
            str(grant.stream),
            grant.conditions,
            grant.repayment_conditions,
        ]
        for grant in grants
        for funder in [funder_for(grant.force_area)]
    )
    return spreadsheets.csv_bytes(CSV_HEADERS, rows, excel_bom=False)


@cache
def _schemas() -> tuple[dict, dict]:
    grant = json.loads((SCHEMA_DIR / "360-giving-schema.json").read_text(encoding="utf-8"))
    package = json.loads((SCHEMA_DIR / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    return grant, package


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def format_checker():
    """Return a format checker that knows date-time and uri.

    The schema tells a date from a date-time with `oneOf`, so `date-time` must
    really be checked (jsonschema only does so with an optional package).
    """
    from jsonschema import FormatChecker

    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(value) -> bool:
        if not isinstance(value, str):
            return True
        if not RFC3339.match(value):
            return False
        datetime.datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
        return True

    @checker.checks("uri")
    def is_uri(value) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and (parts.netloc or parts.path))

    return checker


def package_validator():
    """Return a draft-04 validator for a package, resolving the grant schema locally."""
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    grant, package = _schemas()
    registry = Registry().with_resource(GRANT_SCHEMA_URL, Resource.from_contents(grant, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=format_checker())


def grant_validator():
    from jsonschema import Draft4Validator

    grant, _ = _schemas()
    return Draft4Validator(grant, format_checker=format_checker())
