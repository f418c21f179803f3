"""Demo transition programmes for Leicestershire. Safe to run twice: everything is keyed by natural keys.

1. The 2011–12 programme from police authority to PCC, from the seeds: the Strategic Transition Board
   (003), workstreams from 000/001, the transition funding risk (000: "no funding is available until
   November"; 001: "transition funding arrangements in 2012/13"), the election on 15 November 2012,
   the PCC taking office on 22 November 2012 and the first plan by 31 March 2013 (001 paragraph 52).
2. An illustrative 2028 programme from the PCC to a Policing and Crime Board (the Home Office's
   announcement of 13 November 2025), with its register proposed from the portal's own data.
"""

import datetime

from django.db import transaction

from partners.models import Organisation, OrganisationType, Partnership, PartnershipMember
from pcc_portal.accounts.models import ForceArea, User

from .models import RAG, Decision, Milestone, Risk, TransferItem, TransitionProgramme, Workstream
from .services import milestones_sync_statutory, register_propose

PROGRAMME_2012 = "Leicestershire transition to a Police and Crime Commissioner, 2011–12"
PROGRAMME_2028 = "Leicestershire transfer to a Policing and Crime Board, 2028"
BOARD_2012 = "Strategic Transition Board"
BOARD_2028 = "PCC Transfer Board 2028 (illustrative)"
# The May 2028 ordinary elections fall on Thursday 4 May 2028. The transfer order will fix the real
# date; the demo takes Monday 8 May 2028, the first working day after the count, so that no function
# is left without a holder over the weekend and the successor starts on a full working week.
TRANSFER_2028 = datetime.date(2028, 5, 8)

WORKSTREAMS_2012 = [
    # key, name, RAG, reason, description (000, 001)
    (
        "governance",
        "Governance",
        RAG.GREEN,
        "",
        "Closing the police authority and setting up the OPCC; supporting the Police and Crime Panel's set-up "
        "(panels to be in place by October).",
    ),
    (
        "commissioning",
        "Commissioning and funding",
        RAG.AMBER,
        "The PCC holds the CSP grants from 2012–14, but no funding is available until November.",
        "Community safety grants and commissioning passing to the PCC; what the money delivers and what works.",
    ),
    (
        "partnerships",
        "Partnerships",
        RAG.GREEN,
        "",
        "Extending the transition board to all community safety partners; the "
        "Community Safety and Partnership Landscape document.",
    ),
    (
        "candidates",
        "Information for candidates",
        RAG.AMBER,
        "Partners at tactical level are not yet aware of the scope of this work.",
        "Briefing for candidates before the election and induction material after it.",
    ),
]

WORKSTREAMS_2028 = [
    ("governance", "Governance and statutory functions", RAG.AMBER, "The transfer order is not yet laid."),
    ("finance", "Finance and precept", RAG.GREEN, ""),
    ("commissioning", "Commissioning and grants", RAG.AMBER, "Multi-year grants run past transfer day."),
    ("contracts", "Contracts", RAG.NOT_STARTED, ""),
    ("people", "People", RAG.NOT_STARTED, ""),
    ("estates", "Estates and assets", RAG.NOT_STARTED, ""),
    ("records", "Information and records", RAG.RED, "No retention schedule agreed with the successor yet."),
    ("partnerships", "Partnerships", RAG.GREEN, ""),
    ("communications", "Communications", RAG.GREEN, ""),
    ("scrutiny", "Scrutiny", RAG.AMBER, "Open panel recommendations need an owner after the panel closes."),
]


def _board(area, name, *, is_active, purpose, members, agreed_on=None):
    board = Partnership.objects.filter(force_area=area, name=name).first()
    if board is None:
        board = Partnership.objects.create(
            force_area=area,
            name=name,
            kind=Partnership.Kind.TRANSITION_BOARD,
            meeting_cadence=Partnership.Cadence.MONTHLY,
            governance=Partnership.Governance.AGREED if agreed_on else Partnership.Governance.DRAFT,
            terms_agreed_on=agreed_on,
            is_active=is_active,
            purpose=purpose,
        )
    for org in members:
        PartnershipMember.objects.get_or_create(partnership=board, organisation=org)
    return board


def _workstreams(programme, rows):
    for order, row in enumerate(rows):
        key, name, rag, reason = row[:4]
        Workstream.objects.get_or_create(
            programme=programme,
            key=key,
            defaults={
                "name": name,
                "rag": rag,
                "rag_reason": reason,
                "order": order * 10,
                "description": row[4] if len(row) > 4 else "",
            },
        )


def _programme_2012(area, staff):
    councils = list(
        Organisation.objects.filter(
            force_areas=area,
            name__in=["Leicestershire County Council", "Leicester City Council", "Rutland County Council"],
        )
    )
    board = _board(
        area,
        BOARD_2012,
        is_active=False,
        agreed_on=datetime.date(2011, 11, 1),
        purpose="Prepared the transition to the PCC; mapped the partnership landscape.",
        members=councils,
    )
    programme, _ = TransitionProgramme.objects.get_or_create(
        force_area=area,
        name=PROGRAMME_2012,
        defaults={
            "kind": TransitionProgramme.Kind.PA_TO_PCC,
            "outgoing_body": "Leicestershire Police Authority",
            "successor_name": "Police and Crime Commissioner for Leicestershire",
            "successor_kind": TransitionProgramme.SuccessorKind.PCC,
            "election_date": datetime.date(2012, 11, 15),
            "transfer_date": datetime.date(2012, 11, 22),
            "status": TransitionProgramme.Status.COMPLETE,
            "board": board,
            "lead": staff,
            "is_published": True,
            "terms_of_reference": "The **Strategic Transition Board** oversees the transfer of the police "
            "authority's functions to the Police and Crime Commissioner. It was attended by senior "
            "representatives of partners such as the County, City, Rutland and the district councils, and "
            "Voluntary Action Leicestershire was represented on it from its inception.",
        },
    )
    milestones_sync_statutory(programme=programme)
    Milestone.objects.filter(programme=programme, due_on__lt=datetime.date(2013, 4, 1)).update(is_done=True)
    _workstreams(programme, WORKSTREAMS_2012)
    funding = programme.workstreams.get(key="commissioning")
    Risk.objects.get_or_create(
        programme=programme,
        title="Transition funding for community safety in 2012/13",
        defaults={
            "workstream": funding,
            "cause": "No funding is available to the PCC until November 2012; the November election raises "
            "issues of continuity of service delivery and contracts.",
            "effect": "Community safety partnerships and voluntary sector projects could lose funding, or "
            "staff on fixed-term contracts leave, before the PCC can decide.",
            "likelihood": 4,
            "impact": 4,
            "mitigation": "Fund CSPs and voluntary sector projects for the first six months of 2013/14 at the "
            "previous level.",
            "status": Risk.Status.CLOSED,
            "owner": staff,
        },
    )
    Decision.objects.get_or_create(
        programme=programme,
        title="Initial funding for CSPs and voluntary sector projects",
        defaults={
            "workstream": funding,
            "decision": "Give community safety partnerships and voluntary sector projects initial funding for "
            "the first six months of 2013/14 at the previous level.",
            "decided_by": "The Police and Crime Commissioner",
            "decided_on": datetime.date(2013, 1, 31),
            "rationale": "Continuity of service while the Commissioner reviews what the money delivers.",
        },
    )
    return programme


def _illustrative_grant(area, staff):
    """A three-year grant running past transfer day, so that the 2028 register shows a grant row."""
    from commissioning.models import FundingStream, Grant, Instalment

    recipient = Organisation.objects.filter(force_areas=area, name="Voluntary Action Leicestershire").first()
    if recipient is None:
        return
    stream, _ = FundingStream.objects.get_or_create(
        force_area=area,
        name="Victims and community safety fund (illustrative)",
        financial_year=2026,
        defaults={"budget_pence": 500_000_00, "description": "Illustrative: a multi-year fund for the demo."},
    )
    grant, created = Grant.objects.get_or_create(
        force_area=area,
        reference="ILL-2026-VAL",
        defaults={
            "stream": stream,
            "recipient": recipient,
            "title": "Voluntary sector victims' network, 2026–2029 (illustrative)",
            "purpose": "Illustrative: core funding for a network of voluntary sector victims' services.",
            "amount_pence": 150_000_00,
            "award_date": datetime.date(2026, 3, 1),
            "start_date": datetime.date(2026, 4, 1),
            "end_date": datetime.date(2029, 3, 31),
            "is_published": False,
        },
    )
    if created:
        Instalment.objects.bulk_create(
            Instalment(
                grant=grant,
                due_date=datetime.date(2026 + (3 + 3 * i) // 12, (3 + 3 * i) % 12 + 1, 1),
                amount_pence=12_500_00,
            )
            for i in range(12)
        )


def _programme_2028(area, staff):
    opcc = Organisation.objects.filter(force_areas=area, org_type=OrganisationType.OPCC).first()
    county = Organisation.objects.filter(force_areas=area, name="Leicestershire County Council").first()
    board = _board(
        area,
        BOARD_2028,
        is_active=True,
        purpose="Illustrative: oversees the transfer of the Commissioner's functions to the Policing and Crime "
        "Board in May 2028.",
        members=[org for org in (opcc, county) if org],
    )
    programme, _ = TransitionProgramme.objects.get_or_create(
        force_area=area,
        name=PROGRAMME_2028,
        defaults={
            "kind": TransitionProgramme.Kind.PCC_TO_BOARD,
            "outgoing_body": "Police and Crime Commissioner for Leicestershire",
            "successor_name": "Leicestershire Policing and Crime Board",
            "successor_kind": TransitionProgramme.SuccessorKind.POLICING_AND_CRIME_BOARD,
            "transfer_date": TRANSFER_2028,
            "status": TransitionProgramme.Status.ACTIVE,
            "board": board,
            "lead": staff,
            "is_illustrative": True,
            "is_published": True,
            "terms_of_reference": "Illustrative. On 13 November 2025 the Home Office announced that PCCs will be "
            "abolished at the end of their terms in May 2028; where there is no elected mayor, their functions "
            "pass to a Policing and Crime Board led by council leaders. This programme hands every function, "
            "contract, grant, asset, post, data set, open recommendation and open complaint to a named receiver "
            "by transfer day.",
        },
    )
    milestones_sync_statutory(programme=programme)
    _workstreams(programme, WORKSTREAMS_2028)
    records = programme.workstreams.get(key="records")
    Risk.objects.get_or_create(
        programme=programme,
        title="Records without an agreed retention rule on transfer day",
        defaults={
            "workstream": records,
            "cause": "No retention schedule has been agreed with the successor body.",
            "effect": "Records are kept too long or destroyed early; subject access requests go unanswered.",
            "likelihood": 3,
            "impact": 4,
            "mitigation": "Agree a retention schedule with the successor's information governance lead.",
            "next_review_on": datetime.date(2027, 1, 15),
            "owner": staff,
        },
    )
    Milestone.objects.get_or_create(
        programme=programme,
        title="Transfer order laid (illustrative date)",
        defaults={"due_on": datetime.date(2027, 10, 1), "owner": staff},
    )
    people = programme.workstreams.get(key="people")
    TransferItem.objects.get_or_create(
        programme=programme,
        title="OPCC posts (illustrative)",
        defaults={
            "workstream": people,
            "kind": TransferItem.Kind.POST,
            "post_count": 24,
            "receiver_kind": TransferItem.Receiver.SUCCESSOR,
            "status": TransferItem.Status.AGREED,
            "day_one_critical": True,
            "detail": "Roles and counts only: employment contracts move to the successor under the transfer order.",
            "edited_fields": ["receiver_kind", "status"],
        },
    )
    TransferItem.objects.get_or_create(
        programme=programme,
        title="Complaints and correspondence case files (illustrative)",
        defaults={
            "workstream": records,
            "kind": TransferItem.Kind.RECORDS,
            "retention": "Six years from closure",
            "day_one_critical": True,
        },
    )
    register_propose(programme=programme, user=None)
    return programme


@transaction.atomic
def load(*, stdout) -> None:
    area = ForceArea.objects.filter(code="leicestershire").first()
    if area is None:
        stdout.write("Transition: no Leicestershire force area; skipped.")
        return
    staff = User.objects.filter(email="staff@demo.pcc-portal.org.uk").first()
    _programme_2012(area, staff)
    _illustrative_grant(area, staff)
    programme = _programme_2028(area, staff)
    stdout.write(f"Transition: 2 programmes for Leicestershire; the 2028 register has {programme.items.count()} rows.")
