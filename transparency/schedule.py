"""The publication schedule: each class the Specified Information Order lists, and how often it must be refreshed.

"Last published" comes from the portal's own records where it holds them (the
latest spend upload, the latest decision) and otherwise from the date staff
enter. A class is current while its last publication is younger than its
frequency; after that it is out of date, goes into "what's due" and, if left
late, is escalated once.
"""

import datetime
from dataclasses import dataclass

MONTHLY, QUARTERLY, HALF_YEARLY, ANNUAL = 31, 92, 183, 366
FREQUENCY_LABELS = {MONTHLY: "Monthly", QUARTERLY: "Quarterly", HALF_YEARLY: "Every six months", ANNUAL: "Every year"}


@dataclass(frozen=True)
class PublicationClass:
    key: str
    label: str
    description: str
    frequency_days: int
    computed: bool  # the portal holds the data, so "last published" is read from it
    url_name: str = ""  # the public page of the class, if the portal publishes it
    paragraph: str = ""  # where Part 1 of the Order's Schedule lists it

    @property
    def frequency_label(self) -> str:
        return FREQUENCY_LABELS.get(self.frequency_days, f"Every {self.frequency_days} days")


# In the order of Part 1 of the Schedule to the Order, as amended by SI 2012/2479, SI 2013/1816 and SI 2021/547.
# Monthly for grants and spending, and yearly before the financial year for the budget, are the Order's own
# timings; the other frequencies are how often the office reviews the class so that it stays current.
SCHEDULE: tuple[PublicationClass, ...] = (
    PublicationClass(
        "about",
        "The Commissioner and the deputy",
        "The name, address for correspondence and salary of the Commissioner and of the deputy.",
        ANNUAL,
        computed=False,
        paragraph="1(a)–(c)",
    ),
    PublicationClass(
        "expenses",
        "Allowances and expenses of the Commissioner and the deputy",
        "The allowances paid to the Commissioner and the deputy, and each item spent on their travel, "
        "accommodation and subsistence, with its purpose.",
        QUARTERLY,
        computed=False,
        paragraph="1(d) and 3(h)",
    ),
    PublicationClass(
        "interests",
        "Register of interests",
        "The interests of the Commissioner, the deputy and senior staff, including every paid employment or office.",
        QUARTERLY,
        computed=True,
        url_name="transparency:interest_list",
        paragraph="1(e)",
    ),
    PublicationClass(
        "staff",
        "Staff of the office",
        "The number of staff, the proportions who are women, from an ethnic minority or disabled, the "
        "organisational chart, and any arrangements to use the staff of the force or of a council.",
        ANNUAL,
        computed=False,
        paragraph="2 and 2A",
    ),
    PublicationClass(
        "gifts",
        "Register of gifts and hospitality",
        "Gifts and hospitality offered to the Commissioner, the deputy and staff, accepted or declined.",
        QUARTERLY,
        computed=True,
        url_name="transparency:gift_list",
        paragraph="2",
    ),
    PublicationClass(
        "budget",
        "Budget and precept",
        "The budget, the precept, each expected source of revenue, the proposed spending and the annual "
        "investment strategy, before each financial year.",
        ANNUAL,
        computed=False,
        paragraph="3(a)–(e)",
    ),
    PublicationClass(
        "grants",
        "Crime and disorder reduction grants",
        "Each grant with its recipient, purpose, conditions and the reasons for it, published each month.",
        MONTHLY,
        computed=True,
        url_name="commissioning:register",
        paragraph="3(f)",
    ),
    PublicationClass(
        "spend",
        "Spending over £500",
        "Every item of expenditure over £500, published each month.",
        MONTHLY,
        computed=True,
        url_name="transparency:spend_list",
        paragraph="3(g)",
    ),
    PublicationClass(
        "property",
        "Premises and land",
        "The premises and land the office owns or occupies.",
        ANNUAL,
        computed=False,
        paragraph="4(a)",
    ),
    PublicationClass(
        "contracts",
        "Contracts over £10,000",
        "Each contract with its supplier, value, start and end dates and procurement route.",
        QUARTERLY,
        computed=True,
        url_name="transparency:contract_list",
        paragraph="4(b)",
    ),
    PublicationClass(
        "decisions",
        "Decisions of significant public interest",
        "Each decision with its reasons, the decision maker, financial implications and interests declared.",
        QUARTERLY,
        computed=True,
        url_name="transparency:decision_list",
        paragraph="5",
    ),
    PublicationClass(
        "meetings",
        "Public meetings",
        "The date, time and place of the office's public meetings, with their agendas and minutes.",
        QUARTERLY,
        computed=False,
    ),
    PublicationClass(
        "policies",
        "Policies",
        "The office's policies, such as records management, data protection and handling complaints.",
        ANNUAL,
        computed=False,
        paragraph="6",
    ),
    PublicationClass(
        "crime_reports",
        "Reports from community safety partnerships",
        "Each report the office requires from the responsible authorities of a local government area "
        "(Crime and Disorder Act 1998, section 7(1)).",
        ANNUAL,
        computed=False,
        paragraph="7",
    ),
    PublicationClass(
        "national_priorities",
        "National priorities for policing",
        "How the force contributes to the Home Secretary's national priorities for policing, and which of them "
        "apply in the area and why.",
        HALF_YEARLY,
        computed=False,
        paragraph="7A",
    ),
    PublicationClass(
        "hmicfrs",
        "HMICFRS reports and the Commissioner's responses",
        "The latest HMICFRS assessment of the force, each inspection report and the Commissioner's response "
        "within 56 days of its publication (Police Act 1996, section 55).",
        ANNUAL,
        computed=True,
        url_name="transparency:inspection_list",
        paragraph="7B",
    ),
    PublicationClass(
        "complaints",
        "Complaints",
        "The IOPC's latest data on complaints about the force, how the office holds the chief constable to "
        "account for handling them, and complaints about the Commissioner that the panel has raised.",
        QUARTERLY,
        computed=False,
        paragraph="1(f) and 7C",
    ),
    PublicationClass(
        "custody_visiting",
        "Independent custody visiting",
        "How the independent custody visiting scheme is run.",
        ANNUAL,
        computed=False,
        paragraph="8",
    ),
)
CLASSES = {c.key: c for c in SCHEDULE}


class Status:
    CURRENT = "current"
    OUT_OF_DATE = "out_of_date"
    NEVER = "never"

    LABELS = {CURRENT: "Current", OUT_OF_DATE: "Out of date", NEVER: "Not yet published"}


@dataclass(frozen=True)
class ClassStatus:
    """One class of the schedule for one area, as of a day."""

    publication_class: PublicationClass
    last_published: datetime.date | None
    url: str
    today: datetime.date
    overdue_responses: int = 0  # HMICFRS reports whose response is late
    illustrative: bool = False
    area_code: str = ""

    @property
    def next_due(self) -> datetime.date | None:
        if self.last_published is None:
            return None
        return self.last_published + datetime.timedelta(days=self.publication_class.frequency_days)

    @property
    def status(self) -> str:
        if self.overdue_responses:
            return Status.OUT_OF_DATE
        if self.last_published is None:
            return Status.NEVER
        return Status.CURRENT if self.next_due >= self.today else Status.OUT_OF_DATE

    @property
    def is_current(self) -> bool:
        return self.status == Status.CURRENT

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]


@dataclass(frozen=True)
class Scorecard:
    current: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.current / self.total) if self.total else 0


def scorecard_of(statuses: list[ClassStatus]) -> Scorecard:
    return Scorecard(current=sum(1 for s in statuses if s.is_current), total=len(statuses))
