"""Demo commissioning for Leicestershire from the seeds.

003 (i)(ii): the Commissioner gave CSPs and voluntary sector projects initial
funding for the first six months of 2013/14 at the previous level. Then a
2013/14 round with applications in every state, and one open round today.
Safe to run twice: everything is keyed by natural keys.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from partners.demo import ensure_demo_organisations
from partners.models import Contact, OrganisationType
from pcc_portal.accounts.models import ForceArea, User
from plans.models import Plan, PlanVersion, Priority

from .formula import Share, allocate
from .models import (
    Allocation,
    AllocationLine,
    Application,
    Assignment,
    Criterion,
    Decision,
    Funder,
    FundingStream,
    Grant,
    Instalment,
    MonitoringReturn,
    Question,
    Round,
    Score,
)
from .services import _return_schedule, _split, reference_prefix

PLAN_TITLE = "Police and Crime Plan 2013–2017"
DEMO_PRIORITIES = [
    ("domestic-abuse", "Reduce domestic abuse and sexual violence"),
    ("young-people", "Divert young people from crime"),
    ("drugs", "Reduce drug and alcohol related offending"),
    ("victims", "Support victims and witnesses"),
]
# Six months of transition funding at the previous level (003 (i)(ii)), in pounds.
TRANSITION_GRANTS = [
    ("Safer Leicester Partnership", "TF-2013-01", 182_500, ["domestic-abuse", "drugs"]),
    ("Charnwood Community Safety Partnership", "TF-2013-02", 61_000, ["young-people"]),
    ("Blaby and Hinckley and Bosworth Community Safety Partnership", "TF-2013-03", 58_750, ["drugs"]),
    ("North West Leicestershire Community Safety Partnership", "TF-2013-04", 39_200, ["young-people"]),
    ("Melton Community Safety Partnership", "TF-2013-05", 24_600, ["victims"]),
    ("South Leicestershire Community Safety Partnership", "TF-2013-06", 44_300, ["domestic-abuse"]),
    ("Safer Rutland Partnership", "TF-2013-07", 12_150, ["victims"]),
    ("Voluntary Action Leicestershire", "TF-2013-08", 35_000, ["victims", "young-people"]),
]
# Returns left unsubmitted, so they show as overdue: (grant reference, period number).
OVERDUE = {("TF-2013-05", 1), ("TF-2013-06", 0), ("TF-2013-06", 1)}


def _priorities(area: ForceArea) -> dict[str, Priority]:
    plan = Plan.objects.filter(force_area=area, title=PLAN_TITLE).first()
    version = plan.versions.order_by("-number").first() if plan else None
    if version is None or not version.priorities.exists():
        plan, _ = Plan.objects.get_or_create(
            force_area=area,
            title=PLAN_TITLE,
            defaults={
                "period_start": datetime.date(2013, 4, 1),
                "period_end": datetime.date(2017, 3, 31),
                "commissioner": "Sir Clive Loader",
            },
        )
        version, _ = PlanVersion.objects.get_or_create(plan=plan, number=1, defaults={"label": "January 2013 draft"})
        for position, (key, title) in enumerate(DEMO_PRIORITIES):
            Priority.objects.get_or_create(version=version, key=key, defaults={"title": title, "position": position})
    return {p.key: p for p in version.priorities.all()}


def _london(year, month, day, hour=12, minute=0) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/London"))


def _grant(
    *, stream, recipient, reference, title, purpose, pounds, start, end, award_date, priorities, application=None
):
    grant, created = Grant.objects.update_or_create(
        force_area=stream.force_area,
        reference=reference,
        defaults={
            "stream": stream,
            "recipient": recipient,
            "title": title,
            "purpose": purpose,
            "amount_pence": pounds * 100,
            "award_date": award_date,
            "start_date": start,
            "end_date": end,
            "application": application,
            "conditions": "Spend only on the purpose described; report quarterly against the agreed measures; "
            "acknowledge the Commissioner's funding.",
            "repayment_conditions": "Any sum unspent at the end of the grant, or spent outside its purpose, "
            "is repaid to the Commissioner.",
            "return_frequency_months": 3,
        },
    )
    grant.priorities.set(priorities)
    if created:
        Instalment.objects.bulk_create(
            Instalment(grant=grant, due_date=start + datetime.timedelta(days=91 * i), amount_pence=amount)
            for i, amount in enumerate(_split(grant.amount_pence, 2))
        )
        MonitoringReturn.objects.bulk_create(_return_schedule(grant))
    return grant


@transaction.atomic
def load(*, stdout) -> None:
    area = ForceArea.objects.filter(code="leicestershire").first()
    if area is None:
        stdout.write("Commissioning: no Leicestershire force area; skipped.")
        return
    organisations = ensure_demo_organisations()
    val = organisations["Voluntary Action Leicestershire"]
    staff = User.objects.filter(email="staff@demo.pcc-portal.org.uk").first()
    partner = User.objects.filter(email="partner@demo.pcc-portal.org.uk").first()
    if partner is not None:
        Contact.objects.get_or_create(
            user=partner, defaults={"organisation": val, "full_name": partner.full_name, "job_title": partner.job_title}
        )
    priorities = _priorities(area)
    Funder.objects.update_or_create(
        force_area=area,
        defaults={
            "name": "Office of the Police and Crime Commissioner for Leicestershire",
            # No org-id.guide register covers OPCCs, so (as 360Giving advises) an id under the publisher's prefix.
            "org_id": "360G-opccleics-OPCC",
            "prefix_360g": "opccleics",
        },
    )

    transition, _ = FundingStream.objects.update_or_create(
        force_area=area,
        name="Transition funding for partners",
        financial_year=2013,
        defaults={
            "budget_pence": sum(g[2] for g in TRANSITION_GRANTS) * 100,
            "description": "Initial funding for the first six months of 2013/14 at the previous level, while "
            "the Commissioner identifies the funding streams that are ceasing (response to the panel, 003 (i)(ii)).",
        },
    )
    for name, reference, pounds, keys in TRANSITION_GRANTS:
        grant = _grant(
            stream=transition,
            recipient=organisations[name],
            reference=reference,
            title=f"Transition funding April–September 2013: {name}",
            purpose="Six months' funding at the previous level for community safety and crime reduction work, "
            "so that partners do not face funding uncertainty early in 2013/14.",
            pounds=pounds,
            start=datetime.date(2013, 4, 1),
            end=datetime.date(2013, 9, 30),
            award_date=datetime.date(2013, 3, 28),
            priorities=[priorities[k] for k in keys if k in priorities],
        )
        for index, item in enumerate(grant.returns.order_by("due_date")):
            if (reference, index) in OVERDUE or item.status != MonitoringReturn.Status.DUE:
                continue
            item.status = MonitoringReturn.Status.ACCEPTED
            item.outputs = "Services delivered as agreed for the quarter."
            item.outcomes = "Measures on track; see the partnership's performance report."
            item.submitted_at = _london(
                item.due_date.year, item.due_date.month, item.due_date.day
            ) - datetime.timedelta(days=3)
            item.save()
        Instalment.objects.filter(grant=grant, due_date__lte=datetime.date(2013, 9, 30)).update(
            paid_on=datetime.date(2013, 4, 5)
        )

    fund, _ = FundingStream.objects.update_or_create(
        force_area=area,
        name="Community Safety Fund",
        financial_year=2013,
        defaults={
            "budget_pence": 1_000_000_00,
            "description": "The un-ringfenced Community Safety Fund 2013/14, "
            "for the priorities of the Police and Crime Plan.",
        },
    )
    councils = list(
        area.organisations.filter(org_type__in=OrganisationType.councils(), population__isnull=False).order_by("name")
    )
    allocation, created = Allocation.objects.get_or_create(
        stream=fund,
        title="Community Safety Fund 2013/14: council shares by population",
        defaults={"total_pence": 1_000_000_00, "created_by": staff},
    )
    if created and councils:
        amounts = allocate(
            total=allocation.total_pence,
            shares=[Share(key=c.pk, population=c.population, weight=Decimal(1)) for c in councils],
        )
        AllocationLine.objects.bulk_create(
            AllocationLine(allocation=allocation, organisation=c, population=c.population, amount_pence=amounts[c.pk])
            for c in councils
        )
        Allocation.objects.filter(pk=allocation.pk).update(
            status=Allocation.Status.LOCKED, locked_at=_london(2013, 3, 20), locked_by=staff
        )

    round_2013 = _round_2013(fund, priorities)
    _applications_2013(round_2013, organisations, priorities, staff)
    _open_round(area, priorities, val)
    overdue = MonitoringReturn.objects.filter(
        grant__force_area=area, status=MonitoringReturn.Status.DUE, due_date__lt=timezone.localdate()
    ).count()
    stdout.write(
        f"Commissioning: {Grant.objects.filter(force_area=area).count()} grants, "
        f"{Application.objects.filter(round__stream__force_area=area).count()} applications, "
        f"{overdue} overdue returns."
    )


def _round_2013(fund, priorities) -> Round:
    round_, _ = Round.objects.update_or_create(
        stream=fund,
        title="Community Safety Fund 2013/14: commissioning round",
        defaults={
            "opens_at": _london(2013, 5, 1, 9),
            "closes_at": _london(2013, 6, 28, 17),
            "eligibility": "Community safety partnerships and voluntary and community sector organisations working "
            "in Leicester, Leicestershire and Rutland. Bids must show the link to the Police and Crime Plan.",
            "max_award_pence": 150_000_00,
        },
    )
    round_.priorities.set(priorities.values())
    for i, text in enumerate(["Which other partners are involved, and what do they contribute?"]):
        Question.objects.get_or_create(round=round_, position=i, defaults={"text": text})
    for i, title in enumerate(
        ["Fit with the Police and Crime Plan", "Evidence of need", "Value for money", "Outcomes and measures"]
    ):
        Criterion.objects.get_or_create(round=round_, position=i, defaults={"title": title, "max_score": 5})
    return round_


APPLICATIONS_2013 = [
    # organisation, title, pounds, status, priorities, vulnerable groups
    (
        "Voluntary Action Leicestershire",
        "Voluntary sector crime reduction network",
        48_000,
        "awarded",
        ["victims"],
        ["young"],
    ),
    (
        "Safer Leicester Partnership",
        "Domestic abuse outreach in the city",
        120_000,
        "deferred",
        ["domestic-abuse"],
        ["dsa"],
    ),
    (
        "Charnwood Community Safety Partnership",
        "Street sport youth diversion",
        36_500,
        "declined",
        ["young-people"],
        ["young"],
    ),
    ("Melton Community Safety Partnership", "Rural crime watch", 18_000, "recommended", ["victims"], []),
    (
        "North West Leicestershire Community Safety Partnership",
        "Drug intervention in the night-time economy",
        52_000,
        "submitted",
        ["drugs"],
        ["drugs", "mental"],
    ),
    (
        "South Leicestershire Community Safety Partnership",
        "Cyber safety for older people",
        22_000,
        "draft",
        ["victims"],
        [],
    ),
]
FLAGS = {
    "dsa": "serves_domestic_sexual_abuse_victims",
    "drugs": "serves_drug_misusing_offenders",
    "young": "serves_young_people",
    "mental": "serves_mental_health",
}


def _applications_2013(round_, organisations, priorities, staff) -> None:
    prefix = reference_prefix(round_.stream.force_area)
    sent = 0  # submitted applications so far: their references run LEI-2013-0001, -0002, …
    for name, title, pounds, status, keys, flags in APPLICATIONS_2013:
        organisation = organisations[name]
        sent += status != "draft"
        application, _ = Application.objects.update_or_create(
            round=round_,
            organisation=organisation,
            title=title,
            defaults={
                "summary": f"{title}: a project of {name} for 2013/14.",
                "amount_requested_pence": pounds * 100,
                "period_start": datetime.date(2013, 10, 1),
                "period_end": datetime.date(2014, 3, 31),
                "evidence_base": "Local crime and disorder data and the partnership's strategic assessment.",
                "value_for_money": "Staff costs and volunteer expenses; match funding from the partnership.",
                "outcomes": "Fewer repeat victims; more people supported.",
                "measures": "Numbers supported each quarter; repeat victimisation rate.",
                "who_is_served": "Residents at risk, including vulnerable groups.",
                "risk_if_not_funded": "The service would stop and those at risk would lose support.",
                "answers": {str(q.pk): "The county council and the police." for q in round_.questions.all()},
                "status": status,
                "reference": "" if status == "draft" else f"{prefix}-2013-{sent:04d}",
                "submitted_at": None if status == "draft" else _london(2013, 6, 20),
                "recommendation": {
                    "awarded": "award",
                    "declined": "decline",
                    "deferred": "defer",
                    "recommended": "award",
                }.get(status, ""),
                "recommended_amount_pence": pounds * 100 if status in {"awarded", "recommended"} else None,
                "moderation_notes": ""
                if status in {"draft", "submitted"}
                else "Scores moderated at the panel of 10 July 2013.",
                "moderated_by": None if status in {"draft", "submitted"} else staff,
                **{field: key in flags for key, field in FLAGS.items()},
            },
        )
        application.priorities.set([priorities[k] for k in keys if k in priorities])
        if status != "draft" and staff is not None:
            assignment, _ = Assignment.objects.get_or_create(application=application, assessor=staff)
            if assignment.has_conflict is None:
                assignment.has_conflict = False
                assignment.conflict_declared_at = _london(2013, 7, 1)
                assignment.save()
            if status != "submitted":
                for criterion in round_.criteria.all():
                    Score.objects.get_or_create(
                        assignment=assignment, criterion=criterion, defaults={"score": 4, "comment": "Well evidenced."}
                    )
        outcome = {"awarded": "award", "declined": "decline", "deferred": "defer"}.get(status)
        if outcome:
            Decision.objects.get_or_create(
                reference=f"LEICESTERSHIRE-D{application.pk:04d}",
                defaults={
                    "application": application,
                    "outcome": outcome,
                    "amount_pence": pounds * 100 if outcome == "award" else None,
                    "reasons": {
                        "award": "Strong fit with the plan's priorities and good value for money.",
                        "decline": "Duplicates provision already funded; limited evidence of need.",
                        "defer": "Awaiting the domestic abuse needs assessment due in September 2013.",
                    }[outcome],
                    "decided_by": staff,
                    "decided_at": _london(2013, 7, 15),
                },
            )
        if status == "awarded":
            _grant(
                stream=round_.stream,
                recipient=organisation,
                reference="CSF-2013-001",
                title=title,
                purpose=application.summary,
                pounds=pounds,
                start=datetime.date(2013, 10, 1),
                end=datetime.date(2014, 3, 31),
                award_date=datetime.date(2013, 7, 15),
                priorities=list(application.priorities.all()),
                application=application,
            )
            Instalment.objects.filter(
                grant__reference="CSF-2013-001", due_date=datetime.date(2013, 10, 1), paid_on__isnull=True
            ).update(paid_on=datetime.date(2013, 10, 1))


def _open_round(area, priorities, val) -> None:
    """A round open today, with the demo partner's draft, and a live grant with returns due."""
    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1
    stream, _ = FundingStream.objects.update_or_create(
        force_area=area,
        name="Victims' services",
        financial_year=year,
        defaults={"budget_pence": 250_000_00, "description": "Grants for services supporting victims and witnesses."},
    )
    opens, closes = today - datetime.timedelta(days=14), today + datetime.timedelta(days=21)
    round_, created = Round.objects.get_or_create(
        stream=stream,
        title=f"Victims' services small grants {stream.year_label}",
        defaults={
            "opens_at": _london(opens.year, opens.month, opens.day, 9),
            "closes_at": _london(closes.year, closes.month, closes.day, 17),
            "eligibility": "Voluntary and community sector organisations supporting victims in the area.",
            "max_award_pence": 25_000_00,
        },
    )
    if created:
        round_.priorities.set([p for k, p in priorities.items() if k in {"victims", "domestic-abuse"}])
        Question.objects.create(round=round_, text="How will victims be involved in shaping the service?", position=0)
        for i, title in enumerate(["Fit with the plan", "Evidence of need", "Value for money"]):
            Criterion.objects.create(round=round_, title=title, position=i)
    Application.objects.get_or_create(
        round=round_,
        organisation=val,
        title="Volunteer victim befrienders",
        defaults={"summary": "Trained volunteers befriending victims of crime.", "amount_requested_pence": 18_500_00},
    )
    grant = _grant(
        stream=stream,
        recipient=val,
        reference=f"VS-{year}-001",
        title="Victim befriending pilot",
        purpose="A pilot of volunteer befrienders for repeat victims of anti-social behaviour.",
        pounds=20_000,
        start=today - datetime.timedelta(days=120),
        end=today + datetime.timedelta(days=40),
        award_date=today - datetime.timedelta(days=130),
        priorities=[priorities[k] for k in ["victims"] if k in priorities],
    )
    first = grant.returns.order_by("due_date").first()
    if first and first.due_date >= today:
        # Keep one return overdue in the live demo whatever the date.
        MonitoringReturn.objects.filter(pk=first.pk).update(due_date=today - datetime.timedelta(days=5))
