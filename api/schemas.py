"""What the API returns. Only published fields: no email addresses or phone numbers, and no people's names
but those of panel members (public office holders, named in every published agenda).

Plain pydantic models, not ninja's ``Schema``: they validate the dicts built by ``rows.py`` in pydantic's
compiled core, where a ``Schema`` would wrap every object and read each field through Python.
"""

import datetime

from pydantic import BaseModel, Field


class AreaRef(BaseModel):
    code: str
    name: str


class AreaOut(BaseModel):
    code: str = Field(description="Stable identifier of the police force area, used in the `area` filter.")
    name: str
    nation: str
    url: str


class PanelMemberOut(BaseModel):
    name: str
    kind: str = Field(description="Councillor member or co-opted independent member.")
    office: str = Field(description="Member, Chair or Vice-chair.")
    council: str | None = Field(description="The appointing council (councillor members only).")
    party: str
    since: datetime.date


class PanelOut(BaseModel):
    id: int
    area: AreaRef
    name: str
    host_authority: str = Field(description="The council that supports the panel.")
    lead_adviser: str
    members: list[PanelMemberOut] = Field(description="Members in post today: the panel's public membership.")
    meetings_url: str = Field(description="This API's list of the panel's published meetings.")
    meetings_calendar_url: str = Field(description="The panel's public meetings calendar (iCalendar).")


class MeetingOut(BaseModel):
    id: int
    area: AreaRef
    panel: str
    kind: str
    starts_at: datetime.datetime
    venue: str
    papers_published_on: datetime.date | None
    minutes_approved: bool
    url: str
    pdf_url: str = Field(description="The agenda as a PDF.")


class AgendaReportOut(BaseModel):
    id: int
    subject: str
    report_of: str = Field(description="Who the report is from; empty when the author left it out.")
    report_date: datetime.date | None
    url: str
    pdf_url: str


class AgendaItemOut(BaseModel):
    id: int
    area: AreaRef
    meeting_id: int
    meeting_starts_at: datetime.datetime
    number: int
    title: str
    kind: str
    is_exempt: bool
    decision: str
    meeting_url: str
    report: AgendaReportOut | None = Field(description="The report (paper) for the item, when there is one.")


class RecommendationOut(BaseModel):
    id: int
    area: AreaRef
    report_id: int
    report_title: str
    report_sent_on: datetime.date | None
    label: str
    heading: str
    text: str
    status: str
    response: str = Field(description="The Commissioner's response; empty until it is published.")
    responded_on: datetime.date | None
    url: str
    pdf_url: str


class PlanVersionOut(BaseModel):
    id: int
    area: AreaRef
    plan_id: int
    plan_title: str
    period_start: datetime.date
    period_end: datetime.date
    number: int
    label: str
    status: str
    issued_at: datetime.datetime | None
    summary: str
    url: str
    pdf_url: str


class BulletinOut(BaseModel):
    id: int
    area: AreaRef | None
    number: int
    series_title: str
    masthead: str
    issue_date: datetime.date | None
    status: str
    published_at: datetime.datetime | None
    introduction: str
    url: str
    pdf_url: str


class ConsultationOut(BaseModel):
    id: int
    area: AreaRef
    title: str
    summary: str
    subject: str
    audience: str
    status: str
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    outcomes_published_at: datetime.datetime | None
    url: str


class ConsultationResponseOut(BaseModel):
    id: int
    area: AreaRef
    consultation_id: int
    reference: str
    organisation: str | None = Field(description="The responding organisation; individuals are never named.")
    status: str
    submitted_at: datetime.datetime | None
    published_at: datetime.datetime | None
    url: str


class GrantOut(BaseModel):
    id: int
    area: AreaRef
    reference: str
    title: str
    purpose: str
    recipient: str
    funding_stream: str
    amount_pence: int
    award_date: datetime.date | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    status: str
    is_published: bool
    url: str


class GrantDecisionOut(BaseModel):
    id: int
    area: AreaRef
    reference: str
    outcome: str
    amount_pence: int | None
    reasons: str
    decided_at: datetime.datetime | None
    applicant: str
    is_published: bool
    url: str


class TransitionProgrammeOut(BaseModel):
    id: int
    area: AreaRef
    name: str
    kind: str
    outgoing_body: str
    successor_name: str
    successor_kind: str
    transfer_date: datetime.date | None
    election_date: datetime.date | None
    status: str
    is_published: bool
    is_illustrative: bool
    url: str


class TransparencyDecisionOut(BaseModel):
    id: int
    area: AreaRef
    reference: str
    title: str
    decision: str
    reasons: str
    decided_on: datetime.date | None
    amount: str | None
    exempt_reason: str
    is_published: bool
    published_on: datetime.date | None
    is_illustrative: bool
    url: str
    pdf_url: str


class Error(BaseModel):
    detail: str
