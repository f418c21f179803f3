"""Demo panels from the seeds: Leicestershire (002, 003) and the West Midlands (004).

Safe to run twice: everything is found or created by its natural key. Member
names are fictional; the seeds do not name the panels' members.
"""

import datetime

from django.db import transaction

from partners.demo import ensure_demo_organisations
from pcc_portal.accounts.models import ForceArea, User
from pcc_portal.deadlines.registry import LONDON
from plans.models import Plan, PlanVersion

from . import calendar as statutory
from .demo_text import SEED_002_PARAGRAPHS, SEED_003
from .models import (
    AgendaItem,
    AgendaReport,
    Attendance,
    CommissionerResponse,
    Complaint,
    CouncilPartySeats,
    ExemptParagraph,
    Meeting,
    Membership,
    MinutesStatus,
    Panel,
    PanelReport,
    Recommendation,
    ReportAppendix,
    ReportParagraph,
)

LLR_PANEL = "Leicester, Leicestershire and Rutland Police and Crime Panel"
WM_PANEL = "West Midlands Police and Crime Panel"
PANEL_STARTED = datetime.date(2012, 7, 1)

# council, councillor (fictional), party, office
LLR_COUNCILLORS = [
    ("Leicestershire County Council", "Cllr Joan Ashby", "Conservative", Membership.Office.CHAIR),
    ("Leicester City Council", "Cllr Ravi Mistry", "Labour", Membership.Office.VICE_CHAIR),
    ("Rutland County Council", "Cllr Edward Oakham", "Conservative", Membership.Office.MEMBER),
    ("Blaby District Council", "Cllr Helen Narborough", "Conservative", Membership.Office.MEMBER),
    ("Charnwood Borough Council", "Cllr Mark Quorn", "Conservative", Membership.Office.MEMBER),
    ("Harborough District Council", "Cllr Susan Lutterworth", "Liberal Democrat", Membership.Office.MEMBER),
    ("Hinckley and Bosworth Borough Council", "Cllr David Barwell", "Liberal Democrat", Membership.Office.MEMBER),
    ("Melton Borough Council", "Cllr Anne Asfordby", "Conservative", Membership.Office.MEMBER),
    ("North West Leicestershire District Council", "Cllr Peter Coalville", "Conservative", Membership.Office.MEMBER),
    ("Oadby and Wigston Borough Council", "Cllr Lynne Wigston", "Liberal Democrat", Membership.Office.MEMBER),
]
LLR_CO_OPTED = ["Pat Panel", "Dr Kamal Sidhu"]

# Indicative political make-up, for the balanced appointment report in the demo.
LLR_PARTY_SEATS = {
    "Leicestershire County Council": {"Conservative": 30, "Liberal Democrat": 13, "Labour": 11},
    "Leicester City Council": {"Labour": 52, "Conservative": 1, "Liberal Democrat": 1},
    "Rutland County Council": {"Conservative": 19, "Independent": 6, "Liberal Democrat": 1},
    "Blaby District Council": {"Conservative": 27, "Liberal Democrat": 8, "Labour": 4},
    "Charnwood Borough Council": {"Conservative": 35, "Labour": 10, "Liberal Democrat": 7},
    "Harborough District Council": {"Conservative": 24, "Liberal Democrat": 12, "Independent": 1},
    "Hinckley and Bosworth Borough Council": {"Liberal Democrat": 18, "Conservative": 16},
    "Melton Borough Council": {"Conservative": 20, "Labour": 6, "Independent": 2},
    "North West Leicestershire District Council": {"Conservative": 26, "Labour": 12},
    "Oadby and Wigston Borough Council": {"Liberal Democrat": 22, "Conservative": 4},
}

IMPLICATIONS = {
    "financial_implications": "No new financial implications.",
    "legal_implications": "None.",
    "equality_implications": "Developed as part of partnership work plans.",
    "risks_and_impact": "None identified.",
    "plan_link": "Discussed within report.",
}

SEED_002_SECTIONS = {"purpose": "Purpose of Report", "recommendation": "Recommendation", "background": "Background"}


def seed_002_blocks() -> list[dict]:
    """Return seed 002's paragraphs as the report form takes them: a section heading where one starts, Markdown.

    The lettered list keeps the paper's "a." markers; the bullets become "-" items.
    """
    blocks, section = [], None
    for paragraph in SEED_002_PARAGRAPHS:
        parts = [paragraph["text"]]
        if paragraph["list_style"] == "lettered":
            parts.append("\n".join(f"{chr(ord('a') + i)}. {item}" for i, item in enumerate(paragraph["items"])))
        elif paragraph["items"]:
            parts.append("\n".join(f"- {item}" for item in paragraph["items"]))
        if paragraph["after"]:
            parts.append(paragraph["after"])
        heading = SEED_002_SECTIONS[paragraph["section"]] if paragraph["section"] != section else ""
        section = paragraph["section"]
        blocks.append({"section_heading": heading, "heading": paragraph["heading"], "text": "\n\n".join(parts)})
    return blocks


# The Commissioner's position on each point of 003, as the responses read.
RESPONSE_STATUS = {
    "a": Recommendation.Status.NOT_ACCEPTED,
    "b": Recommendation.Status.NOTED,
    "c": Recommendation.Status.NOTED,
    "d": Recommendation.Status.NOTED,
    "e": Recommendation.Status.ACCEPTED,
    "f": Recommendation.Status.PARTLY_ACCEPTED,
    "g": Recommendation.Status.PARTLY_ACCEPTED,
    "h": Recommendation.Status.NOTED,
    "i.i": Recommendation.Status.NOTED,
    "i.ii": Recommendation.Status.NOTED,
    "i.iii": Recommendation.Status.NOTED,
    "i.iv": Recommendation.Status.NOTED,
    "i.v": Recommendation.Status.NOT_ACCEPTED,
    "i.vi": Recommendation.Status.NOTED,
    "i.vii": Recommendation.Status.NOT_ACCEPTED,
    "j": Recommendation.Status.ACCEPTED,
}


def leicestershire_draft_plan_version(area: ForceArea) -> PlanVersion:
    """Find the January 2013 draft the plans demo creates, or create it with the same keys."""
    plan, _ = Plan.objects.get_or_create(
        force_area=area,
        title="Police and Crime Plan 2013–2017",
        defaults={
            "period_start": datetime.date(2013, 4, 1),
            "period_end": datetime.date(2017, 3, 31),
            "commissioner": "Sir Clive Loader",
        },
    )
    version, _ = PlanVersion.objects.get_or_create(
        plan=plan, number=1, defaults={"label": "January 2013 draft", "status": PlanVersion.Status.SHARED}
    )
    return version


def _membership(panel: Panel, *, full_name: str, **fields) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        panel=panel, full_name=full_name, starts_on=fields.pop("starts_on", PANEL_STARTED), defaults=fields
    )
    return membership


def _leicestershire(orgs: dict, area: ForceArea) -> Panel:
    panel, _ = Panel.objects.update_or_create(
        force_area=area,
        defaults={
            "name": LLR_PANEL,
            "host_authority": orgs["Leicestershire County Council"],
            "lead_adviser": "County Solicitor, Leicestershire County Council",
            "councillor_seats": None,
            "co_opted_seats": 2,
        },
    )
    secretariat = User.objects.filter(email="secretariat@demo.pcc-portal.org.uk").first()
    if secretariat:
        panel.secretariat.add(secretariat)
    member_user = User.objects.filter(email="member@demo.pcc-portal.org.uk").first()
    memberships = []
    for council, name, party, office in LLR_COUNCILLORS:
        memberships.append(
            _membership(
                panel,
                full_name=name,
                kind=Membership.Kind.COUNCILLOR,
                council=orgs[council],
                party=party,
                office=office,
            )
        )
    for name in LLR_CO_OPTED:
        memberships.append(
            _membership(
                panel,
                full_name=name,
                kind=Membership.Kind.CO_OPTED,
                council=None,
                party="",
                user=member_user if name == "Pat Panel" else None,
            )
        )
    for council, parties in LLR_PARTY_SEATS.items():
        for party, seats in parties.items():
            CouncilPartySeats.objects.update_or_create(council=orgs[council], party=party, defaults={"seats": seats})

    meeting = _meeting_29_september_2014(panel, memberships)
    _comments_on_draft_plan(panel, area)
    Complaint.objects.get_or_create(
        panel=panel,
        received_on=datetime.date(2014, 8, 4),
        complainant="A member of the public",
        defaults={
            "summary": "The complainant says the Commissioner did not reply to two letters about a local policing "
            "matter.",
            "status": Complaint.Status.INFORMAL_RESOLUTION,
        },
    )
    del meeting
    return panel


def _meeting_29_september_2014(panel: Panel, memberships: list[Membership]) -> Meeting:
    starts_at = datetime.datetime(2014, 9, 29, 14, 0, tzinfo=LONDON)
    meeting, _ = Meeting.objects.update_or_create(
        panel=panel,
        starts_at=starts_at,
        defaults={
            "kind": Meeting.Kind.ORDINARY,
            "venue": "Sparkenhoe Committee Room, County Hall, Glenfield, Leicester LE3 8RA",
            "papers_published_on": datetime.date(2014, 9, 19),
        },
    )
    standing = [
        (1, AgendaItem.Kind.APOLOGIES, "Apologies for absence", False),
        (2, AgendaItem.Kind.DECLARATIONS, "Declarations of interest", False),
        (3, AgendaItem.Kind.MINUTES, "Minutes of the meeting held on 30 July 2014", False),
        (4, AgendaItem.Kind.PUBLIC_QUESTIONS, "Public question time", False),
        (5, AgendaItem.Kind.REPORT, "Partnerships update report", False),
        (6, AgendaItem.Kind.REPORT, "Review of the Commissioner's office: staff consultation", True),
    ]
    items = {}
    for number, kind, title, exempt in standing:
        items[number], _ = AgendaItem.objects.update_or_create(
            meeting=meeting,
            number=number,
            defaults={
                "kind": kind,
                "title": title,
                "is_exempt": exempt,
                # A staff consultation: labour relations (illustrative).
                "exempt_paragraph": ExemptParagraph.LABOUR_RELATIONS if exempt else "",
            },
        )
    items[5].decision = "The Panel noted the contents of the report and the progress made."
    items[5].minutes_discussion = MINUTES_ITEM_5
    items[5].minutes_heard = "Paul Stock, Chief Executive, Office of the Police and Crime Commissioner (illustrative)"
    items[5].save()
    meeting.minutes_status = MinutesStatus.PUBLISHED
    meeting.save()
    report, _ = AgendaReport.objects.update_or_create(
        agenda_item=items[5],
        defaults={
            "report_of": "POLICE AND CRIME COMMISSIONER",
            "report_date": datetime.date(2014, 9, 29),
            "subject": "PARTNERSHIPS UPDATE REPORT",
            "author": "CHIEF EXECUTIVE",
            "contact_name": "Paul Stock",
            "contact_phone": "0116 229 8981",
            "contact_email": "paul.stock@leics.pcc.pnn.gov.uk",
            **IMPLICATIONS,
        },
    )
    for position, block in enumerate(seed_002_blocks(), start=1):
        ReportParagraph.objects.update_or_create(report=report, position=position, defaults=block)
    report.paragraphs.filter(position__gt=len(SEED_002_PARAGRAPHS)).delete()
    _demo_appendix(report)
    for index, membership in enumerate(memberships):
        status = Attendance.Status.APOLOGIES if index == 6 else Attendance.Status.PRESENT
        Attendance.objects.update_or_create(meeting=meeting, membership=membership, defaults={"status": status})
    return meeting


MINUTES_ITEM_5 = (
    "Illustrative minutes, written for the demonstration. The Chief Executive introduced the report "
    "and the progress made with partners since the last meeting. Members asked how the grants to "
    "community safety partnerships would be monitored; the Chief Executive explained the quarterly returns."
)


def _demo_appendix(report: AgendaReport) -> None:
    """A one-page PDF appendix, so the agenda pack shows an appendix printed in (illustrative)."""
    from django.core.files.base import ContentFile

    from pcc_portal.pdf.services import html_to_pdf

    if report.appendices.exists():
        return
    data = html_to_pdf(
        "<html lang='en-GB'><head><title>Appendix A</title></head><body style='font-family: sans-serif'>"
        "<h1>Appendix A: partnership funding 2014/15</h1>"
        "<p>Illustrative appendix written for the demonstration: the grants to community safety "
        "partnerships and their quarterly monitoring returns.</p></body></html>"
    )
    appendix = ReportAppendix(
        report=report,
        position=1,
        title="Partnership funding 2014/15 (illustrative)",
        kind=ReportAppendix.Kind.PDF,
        size=len(data),
        page_count=1,
    )
    appendix.file.save("appendix-a-partnership-funding.pdf", ContentFile(data), save=False)
    appendix.save()


def _comments_on_draft_plan(panel: Panel, area: ForceArea) -> PanelReport:
    version = leicestershire_draft_plan_version(area)
    report, _ = PanelReport.objects.update_or_create(
        panel=panel,
        title="Comments on Police and Crime Plan",
        defaults={
            "subject": PanelReport.Subject.PLAN,
            "plan_version": version,
            "sent_on": datetime.date(2013, 2, 1),
            "responses_due_on": datetime.date(2013, 2, 22),
            "comments": SEED_003["comments"],
            "comments_response": SEED_003["comments_response"],
            "is_published": True,
        },
    )
    position = 0
    for rec in SEED_003["recommendations"]:
        position += 1
        parent = _recommendation(report, rec, key=rec["label"], position=position, heading=rec["heading"])
        for sub in rec["subs"]:
            position += 1
            _recommendation(report, sub, key=f"{rec['label']}.{sub['label']}", position=position, parent=parent)
    return report


def _recommendation(report, data: dict, *, key: str, position: int, heading: str = "", parent=None):
    status = RESPONSE_STATUS.get(key, Recommendation.Status.AWAITING)
    recommendation, _ = Recommendation.objects.update_or_create(
        report=report,
        parent=parent,
        label=data["label"],
        defaults={
            "heading": heading,
            "position": position,
            "text": data["text"],
            "status": status if data["response"] else Recommendation.Status.AWAITING,
            "response_due_on": report.responses_due_on,
            "is_published": True,
        },
    )
    if data["response"]:
        response = recommendation.responses.first() or CommissionerResponse(report=report)
        response.text, response.responded_on = data["response"], datetime.date(2013, 2, 20)
        response.save()
        response.recommendations.set([recommendation])
    return recommendation


def _west_midlands(orgs: dict, area: ForceArea) -> Panel:
    panel, _ = Panel.objects.update_or_create(
        force_area=area,
        defaults={
            "name": WM_PANEL,
            "host_authority": orgs["Birmingham City Council"],
            "lead_adviser": "Chief Executive, Dudley Metropolitan Borough Council",
            "councillor_seats": 12,  # agreed by the seven councils, with the Home Secretary's consent (004)
            "co_opted_seats": 2,
        },
    )
    councils = [o for o in orgs.values() if area in o.force_areas.all() and o.is_council]
    populations = {c.name: c.population or 0 for c in councils}
    seats = statutory.allocate_seats(populations, 12)
    started = datetime.date(2012, 5, 22)  # appointed at each council's annual meeting in May 2012
    for council in sorted(councils, key=lambda c: c.name):
        for n in range(1, seats[council.name] + 1):
            _membership(
                panel,
                full_name=f"{council.name} councillor {n}",
                kind=Membership.Kind.COUNCILLOR,
                council=council,
                starts_on=started,
            )
    for n in (1, 2):
        _membership(
            panel, full_name=f"Independent co-opted member {n}", kind=Membership.Kind.CO_OPTED, starts_on=started
        )
    return panel


@transaction.atomic
def load(*, stdout) -> None:
    orgs = ensure_demo_organisations()
    areas = {area.code: area for area in ForceArea.objects.filter(code__in=["leicestershire", "west-midlands"])}
    panels = []
    if "leicestershire" in areas:
        panels.append(_leicestershire(orgs, areas["leicestershire"]))
    if "west-midlands" in areas:
        panels.append(_west_midlands(orgs, areas["west-midlands"]))
    stdout.write(f"Panels: {len(panels)} (meeting of 29 September 2014, comments (a)–(j) with responses).")
