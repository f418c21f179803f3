"""Turn a page of records into the plain dicts the API returns.

A page is read with only the columns it shows (``.values()`` where the fields are plain columns), and
links are built from a path template worked out once per URL name instead of a ``reverse()`` per row.
The dicts are then validated once, page by page, against the pydantic schemas in ``schemas.py``.
"""

import functools
import re
from collections.abc import Iterable
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.urls import get_script_prefix, reverse

from panels.models import Membership, MinutesStatus, Recommendation
from panels.permissions import is_insider_of

# Digits match the int, slug and str converters; no path of the portal holds a run of them.
_MARKER = "73519{}0846"
_MARKER_RE = re.compile(r"73519(\d+)0846")
_SAFE = "!$&'()*+,;=/~:@"  # what reverse() leaves unquoted


@functools.cache
def _template(name: str, keys: tuple[str, ...], prefix: str) -> str:
    path = reverse(name, kwargs={key: _MARKER.format(n) for n, key in enumerate(keys)})
    path = path.replace("{", "{{").replace("}", "}}")
    return _MARKER_RE.sub(lambda match: "{" + keys[int(match.group(1))] + "}", path)


def link(name: str, **kwargs) -> str:
    """Return the absolute address of a named URL, as SITE_URL + reverse() would, without resolving per call."""
    template = _template(name, tuple(kwargs), get_script_prefix())
    return settings.SITE_URL + template.format(**{key: quote(str(value), safe=_SAFE) for key, value in kwargs.items()})


def _links(name: str, key: str = "pk"):
    """Return a function of one value giving the absolute address of the named URL."""
    before, _, after = link(name, **{key: _MARKER.format(0)}).partition(quote(_MARKER.format(0), safe=_SAFE))

    def build(value) -> str:
        return f"{before}{quote(str(value), safe=_SAFE)}{after}"

    return build


def _area(code: str | None, name: str | None) -> dict | None:
    return {"code": code, "name": name} if code is not None else None


def areas(page: QuerySet) -> list[dict]:
    url = _links("core:area_detail", "code")
    return [{**row, "url": url(row["code"])} for row in page.values("code", "name", "nation")]


def panels(page: QuerySet) -> list[dict]:
    meetings = settings.SITE_URL + "/api/v1/meetings?"
    calendar = link("deadlines:public_feed") + "?"
    kinds, offices = dict(Membership.Kind.choices), dict(Membership.Office.choices)
    return [
        {
            "id": panel.pk,
            "area": _area(panel.force_area.code, panel.force_area.name),
            "name": panel.name,
            "host_authority": panel.host_authority.name,
            "lead_adviser": panel.lead_adviser,
            "members": [
                {
                    "name": member.full_name,
                    "kind": kinds.get(member.kind, member.kind),
                    "office": offices.get(member.office, member.office),
                    "council": member.council.name if member.council_id else None,
                    "party": member.party,
                    "since": member.starts_on,
                }
                for member in panel.members_on_day
            ],
            "meetings_url": meetings + urlencode({"area": panel.force_area.code}),
            "meetings_calendar_url": calendar + urlencode({"area": panel.force_area.code}),
        }
        for panel in page
    ]


def meetings(page: QuerySet) -> list[dict]:
    url, pdf_url = _links("panels:meeting_detail"), _links("panels:meeting_agenda_pdf")
    rows = page.values(
        "id", "kind", "starts_at", "venue", "papers_published_on", "minutes_status",
        "panel__name", "panel__force_area__code", "panel__force_area__name",
    )  # fmt: skip
    return [
        {
            "id": row["id"],
            "area": _area(row["panel__force_area__code"], row["panel__force_area__name"]),
            "panel": row["panel__name"],
            "kind": row["kind"],
            "starts_at": row["starts_at"],
            "venue": row["venue"],
            "papers_published_on": row["papers_published_on"],
            "minutes_approved": row["minutes_status"] == MinutesStatus.APPROVED,
            "url": url(row["id"]),
            "pdf_url": pdf_url(row["id"]),
        }
        for row in rows
    ]


def agenda_items(page: QuerySet) -> list[dict]:
    meeting_url = _links("panels:meeting_detail")
    report_url, report_pdf_url = _links("panels:report_detail"), _links("panels:report_pdf")
    rows = page.values(
        "id", "meeting_id", "number", "title", "kind", "is_exempt", "decision", "meeting__starts_at",
        "meeting__panel__force_area__code", "meeting__panel__force_area__name",
        "report__id", "report__subject", "report__report_of", "report__report_date",
    )  # fmt: skip
    return [
        {
            "id": row["id"],
            "area": _area(row["meeting__panel__force_area__code"], row["meeting__panel__force_area__name"]),
            "meeting_id": row["meeting_id"],
            "meeting_starts_at": row["meeting__starts_at"],
            "number": row["number"],
            "title": row["title"],
            "kind": row["kind"],
            "is_exempt": row["is_exempt"],
            "decision": row["decision"],
            "meeting_url": meeting_url(row["meeting_id"]),
            "report": None
            if row["report__id"] is None
            else {
                "id": row["report__id"],
                "subject": row["report__subject"],
                "report_of": row["report__report_of"],
                "report_date": row["report__report_date"],
                "url": report_url(row["report__id"]),
                "pdf_url": report_pdf_url(row["report__id"]),
            },
        }
        for row in rows
    ]


def recommendations(page: QuerySet, user) -> list[dict]:
    """Status and response only where published, or for the area's insiders."""
    url, pdf_url = _links("panels:panel_report_detail"), _links("panels:panel_report_pdf")
    insider: dict[int, bool] = {}
    rows = []
    for recommendation in page:
        report = recommendation.report
        area_id = report.panel.force_area_id
        if area_id not in insider:
            insider[area_id] = user is not None and is_insider_of(user, area_id)
        shown = recommendation.is_published or insider[area_id]
        rows.append(
            {
                "id": recommendation.pk,
                "area": _area(report.panel.force_area.code, report.panel.force_area.name),
                "report_id": report.pk,
                "report_title": report.title,
                "report_sent_on": report.sent_on,
                "label": recommendation.label,
                "heading": recommendation.heading,
                "text": recommendation.text,
                "status": recommendation.status if shown else Recommendation.Status.AWAITING.value,
                "response": recommendation.response if shown else "",
                "responded_on": recommendation.responded_on if shown else None,
                "url": f"{url(report.pk)}#recommendation-{recommendation.pk}",
                "pdf_url": pdf_url(report.pk),
            }
        )
    return rows


def plan_versions(page: QuerySet) -> list[dict]:
    url, pdf_url = _links("plans:version_detail"), _links("plans:version_pdf")
    return [
        {
            "id": version.pk,
            "area": _area(version.plan.force_area.code, version.plan.force_area.name),
            "plan_id": version.plan_id,
            "plan_title": version.plan.title,
            "period_start": version.plan.period_start,
            "period_end": version.plan.period_end,
            "number": version.number,
            "label": version.label,
            "status": version.status,
            "issued_at": version.issued_at,
            "summary": version.summary,
            "url": url(version.pk),
            "pdf_url": pdf_url(version.pk),
        }
        for version in page
    ]


def bulletins(page: QuerySet) -> list[dict]:
    url, pdf_url = _links("partners:bulletin_detail"), _links("partners:bulletin_pdf")
    return [
        {
            "id": bulletin.pk,
            "area": _area(bulletin.force_area.code, bulletin.force_area.name) if bulletin.force_area_id else None,
            "number": bulletin.number,
            "series_title": bulletin.series_title,
            "masthead": bulletin.masthead,
            "issue_date": bulletin.issue_date,
            "status": bulletin.status,
            "published_at": bulletin.published_at,
            "introduction": bulletin.introduction,
            "url": url(bulletin.pk),
            "pdf_url": pdf_url(bulletin.pk),
        }
        for bulletin in page
    ]


def consultations(page: QuerySet) -> list[dict]:
    public_url, url = _links("consultations:public_detail"), _links("consultations:detail")
    return [
        {
            "id": consultation.pk,
            "area": _area(consultation.force_area.code, consultation.force_area.name),
            "title": consultation.title,
            "summary": consultation.summary,
            "subject": consultation.subject,
            "audience": consultation.audience,
            "status": consultation.status,
            "opens_at": consultation.opens_at,
            "closes_at": consultation.closes_at,
            "outcomes_published_at": consultation.outcomes_published_at,
            "url": public_url(consultation.pk)
            if consultation.status == "published" and consultation.audience == "public"
            else url(consultation.pk),
        }
        for consultation in page
    ]


def consultation_responses(page: QuerySet) -> list[dict]:
    url = _links("consultations:response_detail")
    return [
        {
            "id": response.pk,
            "area": _area(response.consultation.force_area.code, response.consultation.force_area.name),
            "consultation_id": response.consultation_id,
            "reference": response.reference,
            "organisation": response.organisation.name if response.organisation_id else None,
            "status": response.status,
            "submitted_at": response.submitted_at,
            "published_at": response.published_at,
            "url": url(response.pk),
        }
        for response in page
    ]


def grants(page: QuerySet) -> list[dict]:
    register_url, url = _links("commissioning:register_grant"), _links("commissioning:grant_detail")
    rows = page.values(
        "id", "reference", "title", "purpose", "amount_pence", "award_date", "start_date", "end_date", "status",
        "is_published", "force_area__code", "force_area__name", "recipient__name", "stream__name",
    )  # fmt: skip
    return [
        {
            "id": row["id"],
            "area": _area(row["force_area__code"], row["force_area__name"]),
            "reference": row["reference"],
            "title": row["title"],
            "purpose": row["purpose"],
            "recipient": row["recipient__name"],
            "funding_stream": row["stream__name"],
            "amount_pence": row["amount_pence"],
            "award_date": row["award_date"],
            "start_date": row["start_date"],
            "end_date": row["end_date"],
            "status": row["status"],
            "is_published": row["is_published"],
            "url": register_url(row["id"]) if row["is_published"] else url(row["id"]),
        }
        for row in rows
    ]


def grant_decisions(page: QuerySet) -> list[dict]:
    url = _links("commissioning:decision_detail", "reference")
    rows = []
    for decision in page:
        area = decision.application.round.stream.force_area
        rows.append(
            {
                "id": decision.pk,
                "area": _area(area.code, area.name),
                "reference": decision.reference,
                "outcome": decision.outcome,
                "amount_pence": decision.amount_pence,
                "reasons": decision.reasons,
                "decided_at": decision.decided_at,
                "applicant": decision.application.organisation.name,
                "is_published": decision.is_published,
                "url": url(decision.reference),
            }
        )
    return rows


def transition_programmes(page: QuerySet) -> list[dict]:
    public_url, url = _links("transition:public_detail"), _links("transition:programme_detail")
    return [
        {
            "id": programme.pk,
            "area": _area(programme.force_area.code, programme.force_area.name),
            "name": programme.name,
            "kind": programme.kind,
            "outgoing_body": programme.outgoing_body,
            "successor_name": programme.successor_name,
            "successor_kind": programme.successor_kind,
            "transfer_date": programme.transfer_date,
            "election_date": programme.election_date,
            "status": programme.status,
            "is_published": programme.is_published,
            "is_illustrative": programme.is_illustrative,
            "url": public_url(programme.pk) if programme.is_published else url(programme.pk),
        }
        for programme in page
    ]


def transparency_decisions(page: Iterable) -> list[dict]:
    return [
        {
            "id": decision.pk,
            "area": _area(decision.force_area.code, decision.force_area.name),
            "reference": decision.reference,
            "title": decision.title,
            "decision": decision.decision,
            "reasons": decision.reasons,
            "decided_on": decision.decided_on,
            "amount": str(decision.amount) if decision.amount is not None else None,
            "exempt_reason": decision.exempt_reason,
            "is_published": decision.is_published,
            "published_on": decision.published_on,
            "is_illustrative": decision.is_illustrative,
            "url": link("transparency:decision_detail", code=decision.force_area.code, pk=decision.pk),
            "pdf_url": link("transparency:decision_pdf", code=decision.force_area.code, pk=decision.pk),
        }
        for decision in page
    ]
