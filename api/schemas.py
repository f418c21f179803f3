"""What the API returns. Only published fields: no email addresses or phone numbers, and no people's names
but those of panel members (public office holders, named in every published agenda)."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from ninja import Schema
from pydantic import Field

from panels.models import Recommendation
from panels.permissions import is_insider_of


def absolute(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


class AreaRef(Schema):
    code: str
    name: str


def _area(area) -> AreaRef | None:
    return AreaRef(code=area.code, name=area.name) if area is not None else None


class AreaOut(Schema):
    code: str = Field(description="Stable identifier of the police force area, used in the `area` filter.")
    name: str
    nation: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("core:area_detail", code=obj.code)


class PanelMemberOut(Schema):
    name: str
    kind: str = Field(description="Councillor member or co-opted independent member.")
    office: str = Field(description="Member, Chair or Vice-chair.")
    council: str | None = Field(description="The appointing council (councillor members only).")
    party: str
    since: datetime.date

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_office(obj) -> str:
        return obj.get_office_display()

    @staticmethod
    def resolve_council(obj) -> str | None:
        return obj.council.name if obj.council_id else None

    @staticmethod
    def resolve_since(obj) -> datetime.date:
        return obj.starts_on


class PanelOut(Schema):
    id: int
    area: AreaRef
    name: str
    host_authority: str = Field(description="The council that supports the panel.")
    lead_adviser: str
    members: list[PanelMemberOut] = Field(description="Members in post today: the panel's public membership.")
    meetings_url: str = Field(description="This API's list of the panel's published meetings.")
    meetings_calendar_url: str = Field(description="The panel's public meetings calendar (iCalendar).")

    @staticmethod
    def resolve_area(obj):
        return _area(obj.force_area)

    @staticmethod
    def resolve_host_authority(obj) -> str:
        return obj.host_authority.name

    @staticmethod
    def resolve_members(obj):
        return obj.members_on_day

    @staticmethod
    def resolve_meetings_url(obj) -> str:
        return f"{settings.SITE_URL}/api/v1/meetings?{urlencode({'area': obj.force_area.code})}"

    @staticmethod
    def resolve_meetings_calendar_url(obj) -> str:
        return f"{absolute('deadlines:public_feed')}?{urlencode({'area': obj.force_area.code})}"


class MeetingOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.panel.force_area)

    @staticmethod
    def resolve_panel(obj) -> str:
        return obj.panel.name

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("panels:meeting_detail", pk=obj.pk)

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return absolute("panels:meeting_agenda_pdf", pk=obj.pk)


class AgendaReportOut(Schema):
    id: int
    subject: str
    report_of: str = Field(description="Who the report is from; empty when the author left it out.")
    report_date: datetime.date | None
    url: str
    pdf_url: str


class AgendaItemOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.meeting.panel.force_area)

    @staticmethod
    def resolve_meeting_starts_at(obj):
        return obj.meeting.starts_at

    @staticmethod
    def resolve_meeting_url(obj) -> str:
        return absolute("panels:meeting_detail", pk=obj.meeting_id)

    @staticmethod
    def resolve_report(obj):
        report = getattr(obj, "report", None)
        if report is None:
            return None
        return AgendaReportOut(
            id=report.pk,
            subject=report.subject,
            report_of=report.report_of,
            report_date=report.report_date,
            url=absolute("panels:report_detail", pk=report.pk),
            pdf_url=absolute("panels:report_pdf", pk=report.pk),
        )


class RecommendationOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.report.panel.force_area)

    @staticmethod
    def resolve_report_title(obj) -> str:
        return obj.report.title

    @staticmethod
    def resolve_report_sent_on(obj):
        return obj.report.sent_on

    @staticmethod
    def _shown(obj, context) -> bool:
        user = context["request"].auth if context else None
        return bool(obj.is_published or (user is not None and is_insider_of(user, obj.report.panel.force_area_id)))

    @staticmethod
    def resolve_status(obj, context) -> str:
        return obj.status if RecommendationOut._shown(obj, context) else Recommendation.Status.AWAITING.value

    @staticmethod
    def resolve_response(obj, context) -> str:
        return obj.response if RecommendationOut._shown(obj, context) else ""

    @staticmethod
    def resolve_responded_on(obj, context):
        return obj.responded_on if RecommendationOut._shown(obj, context) else None

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("panels:panel_report_detail", pk=obj.report_id) + f"#recommendation-{obj.pk}"

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return absolute("panels:panel_report_pdf", pk=obj.report_id)


class PlanVersionOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.plan.force_area)

    @staticmethod
    def resolve_plan_title(obj) -> str:
        return obj.plan.title

    @staticmethod
    def resolve_period_start(obj):
        return obj.plan.period_start

    @staticmethod
    def resolve_period_end(obj):
        return obj.plan.period_end

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("plans:version_detail", pk=obj.pk)

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return absolute("plans:version_pdf", pk=obj.pk)


class BulletinOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.force_area)

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("partners:bulletin_detail", pk=obj.pk)

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return absolute("partners:bulletin_pdf", pk=obj.pk)


class ConsultationOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.force_area)

    @staticmethod
    def resolve_url(obj) -> str:
        if obj.status == "published" and obj.audience == "public":
            return absolute("consultations:public_detail", pk=obj.pk)
        return absolute("consultations:detail", pk=obj.pk)


class ConsultationResponseOut(Schema):
    id: int
    area: AreaRef
    consultation_id: int
    reference: str
    organisation: str | None = Field(description="The responding organisation; individuals are never named.")
    status: str
    submitted_at: datetime.datetime | None
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_area(obj):
        return _area(obj.consultation.force_area)

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name if obj.organisation_id else None

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("consultations:response_detail", pk=obj.pk)


class GrantOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.force_area)

    @staticmethod
    def resolve_recipient(obj) -> str:
        return obj.recipient.name

    @staticmethod
    def resolve_funding_stream(obj) -> str:
        return obj.stream.name

    @staticmethod
    def resolve_url(obj) -> str:
        if obj.is_published:
            return absolute("commissioning:register_grant", pk=obj.pk)
        return absolute("commissioning:grant_detail", pk=obj.pk)


class GrantDecisionOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.application.round.stream.force_area)

    @staticmethod
    def resolve_applicant(obj) -> str:
        return obj.application.organisation.name

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("commissioning:decision_detail", reference=obj.reference)


class TransitionProgrammeOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.force_area)

    @staticmethod
    def resolve_url(obj) -> str:
        if obj.is_published:
            return absolute("transition:public_detail", pk=obj.pk)
        return absolute("transition:programme_detail", pk=obj.pk)


class TransparencyDecisionOut(Schema):
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

    @staticmethod
    def resolve_area(obj):
        return _area(obj.force_area)

    @staticmethod
    def resolve_amount(obj):
        return str(obj.amount) if obj.amount is not None else None

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute("transparency:decision_detail", code=obj.force_area.code, pk=obj.pk)

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return absolute("transparency:decision_pdf", code=obj.force_area.code, pk=obj.pk)


class Error(Schema):
    detail: str
