"""Demo transparency records for Leicestershire, all labelled illustrative on the page.

Dates are relative to the day the demo loads, so the scorecard tells the same
story whenever it is loaded: every class current but one (complaints data),
left out of date on purpose. Funding decisions come from commissioning's demo.
Running it twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from partners.models import Organisation
from pcc_portal.accounts.models import ForceArea

from .models import (
    Contract,
    Decision,
    Gift,
    InspectionReport,
    Interest,
    Position,
    PublicationEntry,
    SpendItem,
    SpendUpload,
)

OPCC = "Office of the Police and Crime Commissioner for Leicestershire"

DECISIONS = [
    {
        "reference": "PCC/DEMO/001",
        "title": "Issue the revised Police and Crime Plan",
        "decision": "To issue the Police and Crime Plan, revised after the Police and Crime Panel's report "
        "on the draft, and to send it to the Chief Constable and every responsible authority.",
        "reasons": "The Panel asked the Commissioner to rank his priorities and to set out how partners were "
        "engaged. The plan now does both, and the Commissioner has published his response to the Panel's report.",
        "financial_implications": "Delivered within this year's budget; the first year is the only one with "
        "budget certainty.",
        "amount": None,
        "days_ago": 40,
    },
    {
        "reference": "PCC/DEMO/002",
        "title": "Budget and council tax precept for the coming year",
        "decision": "To set the budget for the coming year and to freeze the police precept, "
        "taking the council tax freeze grant.",
        "reasons": "The freeze grant avoids further pressure on council tax payers while the Force Change "
        "Programme identifies savings; the budget equalisation reserve funds the change.",
        "financial_implications": "Net revenue budget as set out in the budget report; no precept increase.",
        "amount": Decimal("171500000.00"),
        "days_ago": 60,
    },
    {
        "reference": "PCC/DEMO/003",
        "title": "Re-commissioning of victims' services",
        "decision": "To re-commission services for victims and witnesses from April, with a single referral point.",
        "reasons": "The Panel asked for a clearer account of re-commissioning; a single service avoids "
        "duplication found in the partnership landscape mapping.",
        "financial_implications": "A contract of up to £450,000 over three years.",
        "amount": Decimal("450000.00"),
        "days_ago": 20,
        "exempt_part": "Bidders' pricing schedules and the evaluation scores of each bid.",
        "exempt_reason": "Commercially sensitive until the contract is let (Freedom of Information Act 2000 s43)",
        "interests_declared": "None declared.",
    },
]

INTERESTS = [
    ("The Commissioner", Position.COMMISSIONER, "Police and Crime Commissioner", "Membership",
     "Trustee of a local armed forces charity (unpaid)."),
    ("The Deputy Commissioner", Position.DEPUTY, "Deputy Police and Crime Commissioner", "Employment",
     "Part-time consultant to a housing association outside the force area."),
    ("Paul Stock", Position.SENIOR_STAFF, "Chief Executive, OPCC", "Membership",
     "Member of the Association of Police and Crime Chief Executives."),
]  # fmt: skip

GIFTS = [
    ("The Commissioner", Position.COMMISSIONER, Gift.Kind.HOSPITALITY, "Lunch at a partnership conference",
     "Voluntary Action Leicestershire", Decimal("25.00"), Gift.Outcome.ACCEPTED, 30),
    ("The Commissioner", Position.COMMISSIONER, Gift.Kind.GIFT, "Two tickets to a county cricket match",
     "A security equipment supplier", Decimal("120.00"), Gift.Outcome.DECLINED, 45),
    ("Paul Stock", Position.SENIOR_STAFF, Gift.Kind.HOSPITALITY, "Dinner after a regional chief executives' meeting",
     "East Midlands Police Collaboration", Decimal("40.00"), Gift.Outcome.ACCEPTED, 70),
]  # fmt: skip

CONTRACTS = [
    ("C-DEMO-001", "Victims' referral and support service", "Voluntary Action Leicestershire",
     Decimal("450000.00"), (2026, 4, 1), (2029, 3, 31), Contract.Route.OPEN_TENDER),
    ("C-DEMO-002", "Independent custody visiting scheme support", "Leicestershire County Council",
     Decimal("36000.00"), (2025, 4, 1), (2027, 3, 31), Contract.Route.COLLABORATIVE),
    ("C-DEMO-003", "Public consultation and survey services", "An independent research company",
     Decimal("18500.00"), (2026, 1, 1), (2026, 12, 31), Contract.Route.QUOTATIONS),
]  # fmt: skip

SPEND = [
    (3, "Voluntary Action Leicestershire", "Victims' referral service: quarterly payment", "Commissioned services",
     Decimal("37500.00")),
    (8, "Leicestershire County Council", "Independent custody visiting scheme", "Partnership contributions",
     Decimal("3000.00")),
    (14, "An independent research company", "Police and crime survey fieldwork", "Consultation", Decimal("4625.00")),
    (21, "Leicester City Council", "Community Safety Partnership grant instalment", "Grants", Decimal("52000.00")),
    (27, "A stationery supplier", "Printing of the Police and Crime Plan summary", "Supplies", Decimal("812.40")),
]  # fmt: skip

# Classes the portal does not hold: when each was last published, in days before today.
ENTRIES = {
    "about": 120,
    "expenses": 40,
    "staff": 150,
    "budget": 200,
    "grants": 10,  # the grants register as republished; commissioning's demo grants date from 2013
    "property": 250,
    "meetings": 25,
    "policies": 90,
    "crime_reports": 180,
    "national_priorities": 60,
    "complaints": 150,  # quarterly, so deliberately out of date: the scorecard and "what's due" show it
    "custody_visiting": 100,
}


@transaction.atomic
def load(*, stdout) -> None:
    area = ForceArea.objects.filter(code="leicestershire").first()
    if area is None:
        stdout.write("Transparency: no Leicestershire force area; skipped.")
        return
    today = timezone.localdate()

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    for spec in DECISIONS:
        Decision.objects.update_or_create(
            force_area=area,
            reference=spec["reference"],
            defaults={
                "title": spec["title"],
                "decision": spec["decision"],
                "reasons": spec["reasons"],
                "decision_maker": "The Police and Crime Commissioner",
                "decided_on": ago(spec["days_ago"] + 3),
                "financial_implications": spec["financial_implications"],
                "amount": spec["amount"],
                "interests_declared": spec.get("interests_declared", ""),
                "exempt_part": spec.get("exempt_part", ""),
                "exempt_reason": spec.get("exempt_reason", ""),
                "is_published": True,
                "published_on": ago(spec["days_ago"]),
                "is_illustrative": True,
            },
        )
    for person, position, job, category, description in INTERESTS:
        Interest.objects.update_or_create(
            force_area=area,
            person_name=person,
            category=category,
            defaults={
                "position": position,
                "job_title": job,
                "description": description,
                "declared_on": ago(50),
                "is_illustrative": True,
            },
        )
    for person, position, kind, description, offered_by, value, outcome, days in GIFTS:
        Gift.objects.update_or_create(
            force_area=area,
            person_name=person,
            description=description,
            defaults={
                "position": position,
                "kind": kind,
                "offered_by": offered_by,
                "offered_on": ago(days),
                "estimated_value": value,
                "outcome": outcome,
                "is_illustrative": True,
            },
        )
    for reference, title, supplier, value, start, end, route in CONTRACTS:
        Contract.objects.update_or_create(
            force_area=area,
            reference=reference,
            defaults={
                "title": title,
                "supplier_name": supplier,
                "supplier": Organisation.objects.filter(name=supplier, force_areas=area).first(),
                "value": value,
                "start_date": datetime.date(*start),
                "end_date": datetime.date(*end),
                "procurement_route": route,
                "is_illustrative": True,
            },
        )
    _spend(area, today)
    InspectionReport.objects.update_or_create(
        force_area=area,
        title="PEEL: police effectiveness, efficiency and legitimacy (illustrative)",
        defaults={
            "published_on": ago(220),
            "report_url": "https://hmicfrs.justiceinspectorates.gov.uk/",
            "response": "The Commissioner welcomes the report and will hold the Chief Constable to account for "
            "the areas for improvement through the performance board.",
            "response_published_on": ago(170),
            "is_illustrative": True,
        },
    )
    InspectionReport.objects.update_or_create(
        force_area=area,
        title="Custody services inspection (illustrative)",
        defaults={
            "published_on": ago(30),
            "report_url": "https://hmicfrs.justiceinspectorates.gov.uk/",
            "response": "",
            "response_published_on": None,
            "is_illustrative": True,
        },
    )
    for key, days in ENTRIES.items():
        PublicationEntry.objects.update_or_create(
            force_area=area,
            publication_class=key,
            defaults={"last_published_on": ago(days), "is_illustrative": True, "url": ""},
        )
    stdout.write("Transparency: Leicestershire decisions, registers, spending, contracts and schedule loaded.")


def _spend(area: ForceArea, today: datetime.date) -> None:
    """Last month's spending over £500, uploaded now."""
    first_of_this_month = today.replace(day=1)
    month = (first_of_this_month - datetime.timedelta(days=1)).replace(day=1)
    upload, _ = SpendUpload.objects.get_or_create(force_area=area, month=month)
    upload.items.all().delete()
    items = [
        SpendItem(
            upload=upload,
            paid_on=month.replace(day=min(day, 28)),
            supplier=supplier,
            description=purpose,
            category=category,
            amount=amount,
            transaction_reference=f"DEMO-{month:%Y%m}-{n:03d}",
        )
        for n, (day, supplier, purpose, category, amount) in enumerate(SPEND, start=1)
    ]
    SpendItem.objects.bulk_create(items)
    upload.row_count = len(items)
    upload.total = sum(i.amount for i in items)
    upload.filename = "illustrative-demo.csv"
    upload.uploaded_at = timezone.now()
    upload.is_illustrative = True
    upload.save()
