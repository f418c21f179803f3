"""The publication schedule: each class the Specified Information Order lists, and how often it must be refreshed.

"Last published" comes from the portal's own records where it holds them (the
latest spend upload, the latest decision) and otherwise from the date staff
enter. A class is current while its last publication is younger than its
frequency; after that it is out of date, goes into "what's due" and, if left
late, is escalated once.
"""

import datetime
from dataclasses import dataclass

MONTHLY, QUARTERLY, ANNUAL = 31, 92, 366
FREQUENCY_LABELS = {MONTHLY: "Monthly", QUARTERLY: "Quarterly", ANNUAL: "Every year"}


@dataclass(frozen=True)
class PublicationClass:
    key: str
    label: str
    description: str
    frequency_days: int
    computed: bool  # the portal holds the data, so "last published" is read from it
    url_name: str = ""  # the public page of the class, if the portal publishes it

    @property
    def frequency_label(self) -> str:
        return FREQUENCY_LABELS.get(self.frequency_days, f"Every {self.frequency_days} days")


SCHEDULE: tuple[PublicationClass, ...] = (
    PublicationClass(
        "about",
        "Who we are and what we do",
        "The office's functions, staff structure, and the salaries and allowances of the Commissioner, "
        "the deputy and senior staff.",
        ANNUAL,
        computed=False,
    ),
    PublicationClass(
        "decisions",
        "Decisions of significant public interest",
        "Each decision with its reasons, the decision maker, financial implications and interests declared.",
        QUARTERLY,
        computed=True,
        url_name="transparency:decision_list",
    ),
    PublicationClass(
        "grants",
        "Crime and disorder reduction grants",
        "Each grant with its recipient, purpose, conditions and the reasons for it.",
        QUARTERLY,
        computed=True,
        url_name="commissioning:register",
    ),
    PublicationClass(
        "spend",
        "Spending over £500",
        "Every item of expenditure over £500, published each month.",
        MONTHLY,
        computed=True,
        url_name="transparency:spend_list",
    ),
    PublicationClass(
        "contracts",
        "Contracts over £10,000",
        "Each contract with its supplier, value, start and end dates and procurement route.",
        QUARTERLY,
        computed=True,
        url_name="transparency:contract_list",
    ),
    PublicationClass(
        "interests",
        "Register of interests",
        "The interests of the Commissioner, the deputy and senior staff.",
        QUARTERLY,
        computed=True,
        url_name="transparency:interest_list",
    ),
    PublicationClass(
        "gifts",
        "Register of gifts and hospitality",
        "Gifts and hospitality offered to the Commissioner, the deputy and senior staff, accepted or declined.",
        QUARTERLY,
        computed=True,
        url_name="transparency:gift_list",
    ),
    PublicationClass(
        "meetings",
        "Meetings, agendas, reports and minutes",
        "The dates of public meetings, with their agendas, reports and minutes.",
        QUARTERLY,
        computed=False,
    ),
    PublicationClass(
        "budget",
        "Budget and precept",
        "The budget and the precept, before each financial year.",
        ANNUAL,
        computed=False,
    ),
    PublicationClass(
        "complaints",
        "Complaints data",
        "Complaints against the force and the chief constable, and how the office handled them.",
        QUARTERLY,
        computed=False,
    ),
    PublicationClass(
        "hmicfrs",
        "HMICFRS reports and the Commissioner's responses",
        "Each inspection report on the force, and the Commissioner's response within 56 days of its publication.",
        ANNUAL,
        computed=True,
        url_name="transparency:inspection_list",
    ),
)
CLASSES = {c.key: c for c in SCHEDULE}
CLASS_CHOICES = [(c.key, c.label) for c in SCHEDULE]


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
