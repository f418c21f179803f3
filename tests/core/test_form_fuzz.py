"""Post generated input to every form of the portal, as a user allowed to use it (issue 13, item 10).

Every URL that accepts POST is either fuzzed here or excluded with a reason;
`test_every_form_is_fuzzed_or_excluded` fails when a new one is neither. Each
form is first fetched as its user and read from the HTML (field names, types,
options, current values); a careful user's answers are made from it, and each
of a fixed, small number of posts spoils up to three of them with values that
are long, empty, unicode, NUL, numbers out of range, bad dates or malformed
CSV, so that a bad value meets the service behind a form that otherwise
passes. Every post must answer without a server error; an answer that is not
a redirect must have saved nothing; a redirect must have saved only records
that pass their model's validation. Each example runs in a savepoint
that is rolled back, so examples never see each other's data.
"""

import inspect
import os
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.accounts.factories import PASSWORD
from tests.core.docx_helpers import docx_upload, heading, lettered_list, paragraph

from .fuzz_world import World, one_page_pdf

# Eight keeps the whole module near a minute on two cores; FUZZ_EXAMPLES=50 digs deeper by hand.
EXAMPLES_PER_FORM = int(os.environ.get("FUZZ_EXAMPLES", "8"))
OMIT = object()  # the field is left out of the post, as an unticked box is

# Answers that say "not saved" without a server error.
REFUSALS = {200, 400, 403, 404, 405, 409, 422, 429}  # 429: the public rate limit (its cache is not rolled back)

NASTY_TEXT = [
    "",
    " ",
    "x" * 20_000,
    "é ☃ 😀 \u202e ﷽ a\u0301 \u200b",
    "a\x00b",
    "1e99",
    "-1e99",
    "Infinity",
    "NaN",
    "-1",
    "0",
    "99999999999999999999",
    "2147483648",
    "1.5",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "2026-13-45T25:61",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://example.org")',
    "../../../../etc/passwd",
]

NASTY_CSV = [
    b"",
    b"\xff\xfe\x00b\x00a\x00d\x00",
    b'name,org_type\n"never closed,\n',
    b"\xef\xbb\xbfname\n" + b"x" * 5000 + b"\n",
    b"name,org_type,population\nA,not-a-type,1e99\nB,,-1\n\x00,,\n",
    b"PK\x03\x04 not a csv at all",
    b"a;b;c\r1;2;3\r",
]

# Tables that change on any request, whatever the form: sign-in attempts and sessions.
UNWATCHED_APPS = {"axes", "sessions", "admin", "contenttypes", "auth", "django_celery_beat"}


# --- The forms: which user posts where, and on which page the form is ----------------------------


@dataclass
class Case:
    user: str | None  # an attribute of World ("calendar_feed.user" too), None for anonymous
    url: Callable[[World], str]
    page: Callable[[World], str] | None = None  # where the form is shown, if not at `url`
    saves_without_redirect: bool = False  # answers 200 when it saved (autosave, a confirmation page)
    no_form_because: str = ""  # why no page shows this form in the world built here: post extras only
    values: dict = field(default_factory=dict)  # a careful user's answers the page cannot tell (callable: of the world)


def at(name: str, *attrs: str) -> Callable[[World], str]:
    """Reverse `name` with arguments read from the world: 'stream' is its pk, 'area.code' a path, '=x' is x."""

    def url(world: World) -> str:
        args = []
        for attr in attrs:
            if isinstance(attr, int) or attr.startswith("="):
                args.append(attr if isinstance(attr, int) else attr[1:])  # a literal
                continue
            value = world
            for part in attr.split("."):
                value = getattr(value, part)
            args.append(value if isinstance(value, str | int) else value.pk)
        return reverse(name, args=args)

    return url


def fixed(path: str) -> Callable[[World], str]:
    return lambda world: path


TRANSPARENCY_KINDS = ["decisions", "interests", "gifts", "contracts", "inspections"]

CASES: dict[str, Case] = {
    # Accounts
    "login": Case(None, fixed("/accounts/login/"), values={"username": lambda w: w.staff.email, "password": PASSWORD}),
    "password_change": Case(
        "staff",
        at("password_change"),
        values={
            "old_password": PASSWORD,
            "new_password1": "Another-long-pass-2026",
            "new_password2": "Another-long-pass-2026",
        },
    ),
    "password_reset": Case(None, at("password_reset")),
    "password_reset_confirm": Case(
        None,
        lambda world: f"/accounts/reset/{world.reset_uid}/set-password/",
        at("password_reset_confirm", "reset_uid", "reset_token"),
        values={"new_password1": "Another-long-pass-2026", "new_password2": "Another-long-pass-2026"},
    ),
    # Core, what's due
    "core:area_directory_pdf_job": Case(
        "staff", at("core:area_directory_pdf_job", "area.code"), at("core:area_detail", "area.code")
    ),
    "deadlines:settings": Case("staff", at("deadlines:settings")),
    "deadlines:calendar_feed_new": Case("staff", at("deadlines:calendar_feed_new"), at("deadlines:settings")),
    "deadlines:calendar_feed_revoke": Case(
        "calendar_feed.user", at("deadlines:calendar_feed_revoke"), at("deadlines:settings")
    ),
    # Notifications (the settings form is also on the reminder settings page)
    "notifications:read": Case(
        "notification.recipient", at("notifications:read", "notification"), at("notifications:list")
    ),
    "notifications:read_all": Case("notification.recipient", at("notifications:read_all"), at("notifications:list")),
    "notifications:preferences": Case("staff", at("notifications:preferences"), at("deadlines:settings")),
    # Partners
    "partners:organisation_create": Case("staff", at("partners:organisation_create", "area.code")),
    "partners:organisations_import": Case("staff", at("partners:organisations_import", "area.code")),
    "partners:contacts_import": Case("staff", at("partners:contacts_import", "area.code")),
    "partners:landscape_pdf_job": Case(
        "staff", at("partners:landscape_pdf_job", "area.code"), at("partners:landscape", "area.code")
    ),
    "partners:partnership_create": Case("staff", at("partners:partnership_create", "area.code")),
    "partners:engagement_create": Case("staff", at("partners:engagement_create", "area.code")),
    "partners:organisation_edit": Case("staff", at("partners:organisation_edit", "organisation")),
    "partners:organisation_deactivate": Case(
        "staff",
        at("partners:organisation_deactivate", "organisation"),
        at("partners:organisation_detail", "organisation"),
    ),
    "partners:organisation_reactivate": Case(
        "staff",
        at("partners:organisation_reactivate", "inactive_organisation"),
        at("partners:organisation_detail", "inactive_organisation"),
    ),
    "partners:contact_create": Case("staff", at("partners:contact_create", "organisation")),
    "partners:contact_edit": Case("staff", at("partners:contact_edit", "contact")),
    "partners:partnership_edit": Case("staff", at("partners:partnership_edit", "partnership")),
    "partners:partnership_member_add": Case("staff", at("partners:partnership_member_add", "partnership")),
    "partners:partnership_member_edit": Case("staff", at("partners:partnership_member_edit", "partnership_member")),
    "partners:partnership_member_remove": Case(
        "staff",
        at("partners:partnership_member_remove", "partnership_member"),
        at("partners:partnership_detail", "partnership"),
    ),
    "partners:engagement_detail": Case("staff", at("partners:engagement_detail", "engagement")),
    "partners:engagement_edit": Case("staff", at("partners:engagement_edit", "engagement")),
    "partners:action_complete": Case(
        "staff", at("partners:action_complete", "follow_up"), at("partners:engagement_detail", "follow_up.engagement")
    ),
    "partners:bulletin_create": Case("staff", at("partners:bulletin_create")),
    "partners:bulletin_edit": Case("staff", at("partners:bulletin_edit", "bulletin")),
    "partners:bulletin_from_word": Case(
        "staff",
        at("partners:bulletin_from_word"),
        values={"document": lambda world: docx_upload([heading("Welcome"), paragraph("Hello.")])},
    ),
    "partners:bulletin_section_add": Case("staff", at("partners:bulletin_section_add", "bulletin")),
    "partners:bulletin_section_edit": Case("staff", at("partners:bulletin_section_edit", "bulletin_section")),
    "partners:bulletin_section_delete": Case(
        "staff",
        at("partners:bulletin_section_delete", "bulletin_section"),
        at("partners:bulletin_detail", "bulletin_section.bulletin"),
    ),
    "partners:bulletin_article_add": Case("staff", at("partners:bulletin_article_add", "bulletin")),
    "partners:bulletin_event_add": Case("staff", at("partners:bulletin_event_add", "bulletin")),
    "partners:bulletin_article_edit": Case("staff", at("partners:bulletin_article_edit", "bulletin_article")),
    "partners:bulletin_article_delete": Case(
        "staff",
        at("partners:bulletin_article_delete", "bulletin_article"),
        at("partners:bulletin_detail", "bulletin_article.bulletin"),
    ),
    "partners:bulletin_event_edit": Case("staff", at("partners:bulletin_event_edit", "bulletin_event")),
    "partners:bulletin_event_delete": Case(
        "staff",
        at("partners:bulletin_event_delete", "bulletin_event"),
        at("partners:bulletin_detail", "bulletin_event.bulletin"),
    ),
    # The confirmation page (issue 14, item 4) holds the form that acts.
    "partners:bulletin_publish": Case("staff", at("partners:bulletin_publish", "bulletin")),
    "partners:bulletin_schedule": Case(
        "staff", at("partners:bulletin_schedule", "bulletin"), at("partners:bulletin_detail", "bulletin")
    ),
    "partners:bulletin_unschedule": Case(
        "staff",
        at("partners:bulletin_unschedule", "scheduled_bulletin"),
        at("partners:bulletin_detail", "scheduled_bulletin"),
    ),
    # Plans
    "plans:plan_create": Case("staff", at("plans:plan_create")),
    "plans:plan_edit": Case("staff", at("plans:plan_edit", "plan")),
    "plans:version_edit": Case("staff", at("plans:version_edit", "version")),
    "plans:version_timetable": Case("staff", at("plans:version_timetable", "version")),
    "plans:version_share": Case("staff", at("plans:version_share", "version"), at("plans:version_detail", "version")),
    "plans:version_consultation": Case("staff", at("plans:version_consultation", "shared_version")),
    "plans:version_issue": Case("staff", at("plans:version_issue", "shared_version")),
    "plans:version_new": Case("staff", at("plans:version_new", "shared_version")),
    **{
        f"plans:item_add[{kind}]": Case("staff", at("plans:item_add", "version", f"={kind}"), values={"rank": "1"})
        for kind in ["section", "priority", "objective"]
    },
    **{
        f"plans:item_edit[{kind}]": Case(
            "staff", at("plans:item_edit", "version", f"={kind}", kind), values={"rank": "1"}
        )
        for kind in ["section", "priority", "objective"]
    },
    "plans:item_delete": Case(
        "staff", at("plans:item_delete", "version", "=objective", "objective"), at("plans:version_detail", "version")
    ),
    "plans:comment_create": Case(
        "member",
        at("plans:comment_create", "shared_version", "shared_section"),
        at("plans:version_detail", "shared_version"),
    ),
    "plans:comment_reply": Case(
        "staff", at("plans:comment_reply", "comment"), at("plans:version_detail", "comment.version")
    ),
    "plans:comment_resolve": Case(
        "staff", at("plans:comment_resolve", "comment"), at("plans:version_detail", "comment.version")
    ),
    # Panels
    "panels:veto_vote_create": Case(
        "secretariat", at("panels:veto_vote_create", "panel"), at("panels:calendar", "panel")
    ),
    "panels:meeting_create": Case("secretariat", at("panels:meeting_create", "panel")),
    "panels:meeting_edit": Case("secretariat", at("panels:meeting_edit", "panel", "meeting")),
    "panels:membership_create": Case("secretariat", at("panels:membership_create", "panel")),
    "panels:membership_edit": Case("secretariat", at("panels:membership_edit", "panel", "membership")),
    "panels:complaint_create": Case("secretariat", at("panels:complaint_create", "panel")),
    "panels:complaint_status": Case(
        "secretariat", at("panels:complaint_status", "complaint"), at("panels:complaint_list", "panel")
    ),
    "panels:agenda_item_create": Case("secretariat", at("panels:agenda_item_create", "meeting")),
    "panels:agenda_report_edit": Case("secretariat", at("panels:agenda_report_edit", "agenda_report.agenda_item")),
    "panels:area_setup": Case(
        "admin",
        at("panels:area_setup"),
        values={
            "area_name": "Dyfed-Powys",
            "area_code": "dyfed-powys",
            "host_name": "Carmarthenshire County Council",
            "host_type": "unitary_council",
            "panel_name": "Dyfed-Powys Police and Crime Panel",
            "people-0-full_name": "Rhian Evans",
            "people-0-email": "rhian.evans@opcc.example.org",
        },
    ),
    "panels:agenda_report_from_word": Case(
        "secretariat",
        at("panels:agenda_report_from_word", "agenda_item_without_report"),
        values={"document": docx_upload([heading("Purpose of Report"), lettered_list(["one;", "two."])])},
    ),
    "panels:panel_report_create": Case("secretariat", at("panels:panel_report_create", "panel")),
    "panels:panel_report_edit": Case("secretariat", at("panels:panel_report_edit", "panel", "panel_report")),
    "panels:hearing_create": Case("secretariat", at("panels:hearing_create", "panel")),
    "panels:hearing_outcome": Case("secretariat", at("panels:hearing_outcome", "hearing")),
    "panels:precept_year_edit": Case("secretariat", at("panels:precept_year_edit", "panel", 2026)),
    "panels:meeting_record": Case("secretariat", at("panels:meeting_record", "meeting")),
    "panels:declaration_create": Case(
        "secretariat", at("panels:declaration_create", "meeting"), at("panels:meeting_record", "meeting")
    ),
    "panels:meeting_publish": Case("secretariat", at("panels:meeting_publish", "agenda_item.meeting")),
    "panels:panel_report_publish": Case("secretariat", at("panels:panel_report_publish", "recommendation.report")),
    "panels:agenda_item_edit": Case("secretariat", at("panels:agenda_item_edit", "agenda_item")),
    "panels:report_appendices": Case(
        "secretariat",
        at("panels:report_appendices", "agenda_report"),
        values={"add-file": lambda world: SimpleUploadedFile("appendix.pdf", one_page_pdf(), "application/pdf")},
    ),
    "panels:report_appendices_arrange": Case(
        "secretariat",
        at("panels:report_appendices_arrange", "appendix.report"),
        at("panels:report_appendices", "appendix.report"),
    ),
    "panels:appendix_remove": Case(
        "secretariat", at("panels:appendix_remove", "appendix"), at("panels:report_appendices", "appendix.report")
    ),
    "panels:response_create": Case("staff", at("panels:response_create", "recommendation.report")),
    "panels:response_edit": Case(
        "staff", at("panels:response_edit", "commissioner_response.report", "commissioner_response")
    ),
    "panels:comments_response_edit": Case("staff", at("panels:comments_response_edit", "panel_report")),
    "panels:panel_report_from_word": Case(
        "secretariat",
        at("panels:panel_report_from_word", "panel"),
        values={"document": lambda world: _register_docx()},
    ),
    "panels:meeting_pack": Case("secretariat", at("panels:meeting_pack", "agenda_report.agenda_item.meeting")),
    # Consultations
    "consultations:create": Case("staff", at("consultations:create"), values={"subject_description": "A proposal"}),
    "consultations:edit": Case("staff", at("consultations:edit", "draft_consultation")),
    "consultations:publish": Case(
        "staff", at("consultations:publish", "draft_consultation"), at("consultations:detail", "draft_consultation")
    ),
    "consultations:question_add": Case(
        "staff",
        at("consultations:question_add", "draft_consultation"),
        at("consultations:detail", "draft_consultation"),
    ),
    "consultations:question_delete": Case(
        "staff",
        at("consultations:question_delete", "draft_question"),
        at("consultations:detail", "draft_consultation"),
    ),
    "consultations:document_add": Case(
        "staff",
        at("consultations:document_add", "draft_consultation"),
        at("consultations:detail", "draft_consultation"),
    ),
    "consultations:respond": Case("partner", at("consultations:respond", "consultation")),
    "consultations:respond_autosave": Case(
        "partner",
        at("consultations:respond_autosave", "consultation"),
        at("consultations:respond", "consultation"),
        saves_without_redirect=True,
    ),
    "consultations:response_tag_add": Case(
        "staff", at("consultations:response_tag_add", "response"), at("consultations:response_detail", "response")
    ),
    "consultations:response_tag_delete": Case(
        "staff",
        at("consultations:response_tag_delete", "response_tag"),
        at("consultations:response_detail", "response_tag.response"),
    ),
    "consultations:analyst_note_add": Case(
        "staff", at("consultations:analyst_note_add", "response"), at("consultations:response_detail", "response")
    ),
    "consultations:redaction_add": Case(
        "staff", at("consultations:redaction_add", "response"), at("consultations:response_detail", "response")
    ),
    "consultations:response_publish": Case(
        "staff",
        at("consultations:response_publish", "response"),
        at("consultations:response_detail", "response"),
        no_form_because="publishing needs consent and a closed consultation, not built here",
    ),
    "consultations:response_unpublish": Case(
        "staff",
        at("consultations:response_unpublish", "response"),
        at("consultations:response_detail", "response"),
        no_form_because="only a published response shows it, not built here",
    ),
    "consultations:outcome_add": Case(
        "staff",
        at("consultations:outcome_add", "closed_consultation"),
        at("consultations:detail", "closed_consultation"),
    ),
    "consultations:outcomes_publish": Case(
        "staff",
        at("consultations:outcomes_publish", "outcome.consultation"),
        at("consultations:detail", "outcome.consultation"),
    ),
    "consultations:public_detail": Case(
        None, at("consultations:public_detail", "public_consultation"), saves_without_redirect=True
    ),
    "consultations:event_create": Case(
        "staff", at("consultations:event_create"), values={"force_areas": lambda world: [str(world.area.pk)]}
    ),
    "consultations:event_edit": Case("staff", at("consultations:event_edit", "event")),
    "consultations:session_add": Case(
        "staff", at("consultations:session_add", "event"), at("consultations:event_record", "event")
    ),
    "consultations:attendee_add": Case(
        "staff", at("consultations:attendee_add", "session.event"), at("consultations:event_record", "session.event")
    ),
    "consultations:finding_add": Case(
        "staff", at("consultations:finding_add", "event"), at("consultations:event_record", "event")
    ),
    "consultations:action_add": Case(
        "staff", at("consultations:action_add", "event"), at("consultations:event_record", "event")
    ),
    "consultations:session_edit": Case("staff", at("consultations:session_edit", "session")),
    "consultations:session_delete": Case(
        "staff", at("consultations:session_delete", "session"), at("consultations:session_edit", "session")
    ),
    "consultations:attendee_edit": Case("staff", at("consultations:attendee_edit", "attendee")),
    "consultations:attendee_delete": Case(
        "staff", at("consultations:attendee_delete", "attendee"), at("consultations:attendee_edit", "attendee")
    ),
    "consultations:finding_edit": Case("staff", at("consultations:finding_edit", "finding")),
    "consultations:finding_delete": Case(
        "staff", at("consultations:finding_delete", "finding"), at("consultations:finding_edit", "finding")
    ),
    "consultations:action_edit": Case("staff", at("consultations:action_edit", "action")),
    "consultations:action_delete": Case(
        "staff", at("consultations:action_delete", "action"), at("consultations:action_edit", "action")
    ),
    "consultations:theme_add": Case("staff", at("consultations:theme_add"), at("consultations:event_record", "event")),
    "consultations:event_feedback": Case(
        "staff", at("consultations:event_feedback", "event"), at("consultations:event_detail", "event")
    ),
    "consultations:action_status": Case(
        "staff", at("consultations:action_status", "action"), at("consultations:event_detail", "action.event")
    ),
    # Commissioning
    "commissioning:stream_create": Case("staff", at("commissioning:stream_create")),
    "commissioning:allocation_create": Case("staff", at("commissioning:allocation_create", "stream")),
    "commissioning:round_create": Case("staff", at("commissioning:round_create", "stream")),
    "commissioning:grant_create": Case("staff", at("commissioning:grant_create", "stream")),
    "commissioning:allocation_lock": Case(
        "staff", at("commissioning:allocation_lock", "allocation"), at("commissioning:allocation_detail", "allocation")
    ),
    "commissioning:allocation_discard": Case(
        "staff",
        at("commissioning:allocation_discard", "allocation"),
        at("commissioning:allocation_detail", "allocation"),
    ),
    "commissioning:application_start": Case(
        "partner", at("commissioning:application_start", "round"), at("commissioning:round_detail", "round")
    ),
    "commissioning:application_edit": Case("partner", at("commissioning:application_edit", "application")),
    "commissioning:attachment_add": Case(
        "partner",
        at("commissioning:attachment_add", "application"),
        at("commissioning:application_edit", "application"),
        values={"attachment-file": SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    ),
    "commissioning:attachment_remove": Case(
        "partner",
        at("commissioning:attachment_remove", "application", "attachment"),
        at("commissioning:application_edit", "attachment.application"),
    ),
    "commissioning:application_submit": Case("partner", at("commissioning:application_submit", "application")),
    "commissioning:assignment_add": Case(
        "staff",
        at("commissioning:assignment_add", "submitted_application"),
        at("commissioning:application_detail", "submitted_application"),
    ),
    "commissioning:assessment": Case("staff", at("commissioning:assessment", "assignment.application")),
    "commissioning:application_moderate": Case(
        "staff",
        at("commissioning:application_moderate", "submitted_application"),
        at("commissioning:application_detail", "submitted_application"),
    ),
    "commissioning:application_decide": Case(
        "staff",
        at("commissioning:application_decide", "recommended_application"),
        at("commissioning:application_detail", "recommended_application"),
    ),
    "commissioning:instalment_paid": Case(
        "staff", at("commissioning:instalment_paid", "grant", "instalment"), at("commissioning:grant_detail", "grant")
    ),
    "commissioning:grant_status": Case(
        "staff", at("commissioning:grant_status", "grant"), at("commissioning:grant_detail", "grant")
    ),
    "commissioning:variation_add": Case(
        "staff", at("commissioning:variation_add", "grant"), at("commissioning:grant_detail", "grant")
    ),
    "commissioning:return_detail": Case("partner", at("commissioning:return_detail", "monitoring_return")),
    # Transition
    "transition:programme_create": Case("staff", at("transition:programme_create", "area.code")),
    "transition:programme_edit": Case("staff", at("transition:programme_edit", "programme")),
    "transition:programme_propose": Case(
        "staff", at("transition:programme_propose", "programme"), at("transition:programme_detail", "programme")
    ),
    "transition:workstream_create": Case("staff", at("transition:workstream_create", "programme")),
    "transition:workstream_edit": Case("staff", at("transition:workstream_edit", "workstream")),
    "transition:workstream_detail": Case("staff", at("transition:workstream_detail", "workstream")),
    "transition:milestone_create": Case("staff", at("transition:milestone_create", "programme")),
    "transition:milestone_edit": Case("staff", at("transition:milestone_edit", "milestone")),
    "transition:risk_create": Case(
        "staff", at("transition:risk_create", "programme"), values={"likelihood": "3", "impact": "4"}
    ),
    "transition:risk_edit": Case("staff", at("transition:risk_edit", "risk")),
    "transition:decision_create": Case("staff", at("transition:decision_create", "programme")),
    "transition:decision_edit": Case("staff", at("transition:decision_edit", "transition_decision")),
    "transition:item_create": Case("staff", at("transition:item_create", "programme")),
    "transition:item_edit": Case("staff", at("transition:item_edit", "item")),
    # The rows' boxes sit outside the bulk form (form="bulk"), so the page cannot tell them.
    "transition:register_bulk[preview]": Case(
        "staff",
        at("transition:register_bulk", "programme"),
        at("transition:register", "item.programme"),
        saves_without_redirect=True,  # shows what will change; saves nothing (checked by its own tests)
        values={
            "items": lambda w: [str(w.item.pk)],
            "status": "agreed",
            "receiver": lambda w: f"org:{w.organisation.pk}",
        },
    ),
    "transition:register_bulk[confirm]": Case(
        "staff",
        at("transition:register_bulk", "programme"),
        at("transition:register", "item.programme"),
        values={
            "items": lambda w: [str(w.item.pk)],
            "status": "to_close",
            "close_reason": "No longer needed",
            "confirm": "True",
        },
    ),
    "transition:item_accept": Case(
        "successor", at("transition:item_accept", "item"), at("transition:item_detail", "item")
    ),
    "transition:evidence_upload": Case(
        "staff",
        at("transition:evidence_upload", "item"),
        at("transition:item_detail", "item"),
        values={"file": SimpleUploadedFile("handover.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    ),
    # Handover
    "handover:briefing_create": Case("staff", at("handover:briefing_create")),
    "handover:briefing_edit": Case("staff", at("handover:briefing_edit", "briefing")),
    "handover:briefing_publish": Case(
        "staff", at("handover:briefing_publish", "briefing"), at("handover:briefing_detail", "briefing")
    ),
    "handover:candidate_register": Case(
        None,
        at("handover:candidate_register", "briefing"),
        saves_without_redirect=True,  # "check your email"
    ),
    "handover:candidate_confirm": Case(
        None, at("handover:candidate_confirm", "confirm_token"), saves_without_redirect=True
    ),
    "handover:candidate_home": Case(None, at("handover:candidate_home", "access_token")),
    "handover:candidate_withdraw": Case(
        "staff", at("handover:candidate_withdraw", "confirmed_candidate"), at("handover:candidate_list", "briefing")
    ),
    "handover:answer_create": Case("staff", at("handover:answer_create", "question")),
    "handover:pack_pdf_job": Case(
        "staff", at("handover:pack_pdf_job", "programme"), at("handover:pack_detail", "programme")
    ),
    # Transparency
    **{
        f"transparency:record_create[{kind}]": Case(
            "staff",
            at("transparency:record_create", "area.code", f"={kind}"),
            values={"value": "25000.00"} if kind == "contracts" else {},  # the register lists those over £10,000
        )
        for kind in TRANSPARENCY_KINDS
    },
    **{
        f"transparency:record_edit[{kind}]": Case(
            "staff",
            lambda w, kind=kind: reverse(
                "transparency:record_edit", args=[w.area.code, kind, w.transparency_records[kind].pk]
            ),
        )
        for kind in TRANSPARENCY_KINDS
    },
    # Open-data API tokens and the area's contact details
    "api:tokens": Case("staff", at("api:tokens"), saves_without_redirect=True),  # shows the new token once
    "api:token_revoke": Case("staff", at("api:token_revoke", "api_token"), at("api:tokens")),
    "core:area_contact_edit": Case("staff", at("core:area_contact_edit", "area.code")),
    "transparency:entry_edit": Case("staff", at("transparency:entry_edit", "area.code", "=about")),
    "transparency:spend_upload": Case(
        "staff",
        at("transparency:spend_upload", "area.code"),
        values={
            "month": "2026-03",
            "action": "import",
            "file": SimpleUploadedFile(
                "spend.csv",
                b"date,supplier,purpose,expense_type,amount,reference\n"
                b"2026-03-05,Fuzz Supplies Ltd,Victim services,Grants,1250.00,INV-1\n",
                "text/csv",
            ),
        },
    ),
    # Archive
    "archive:export": Case("staff", at("archive:export")),
}

# URLs that accept POST but are not a form to fuzz, each with the reason.
EXCLUDED = {
    "home": "a page with no form; any method renders it",
    "logout": "no input: signs the user out",
}
# The open-data API is read-only: every operation is a GET declared in /api/openapi.json, and
# schemathesis (tests/api) sends generated input to each of them.
EXCLUDED_NAMESPACES = {"openapi"}


# --- Discovery ------------------------------------------------------------------------------------


def _allowed_methods(view) -> list[str] | None:
    """Return the methods a require_http_methods decorator allows, or None if the view takes any."""
    layer = view
    while layer is not None:
        try:
            names = inspect.getclosurevars(layer).nonlocals
        except (TypeError, ValueError):
            names = {}
        if "request_method_list" in names:
            return list(names["request_method_list"])
        layer = getattr(layer, "__wrapped__", None)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return [m.upper() for m in view_class.http_method_names if hasattr(view_class, m)]
    return None


def _walk(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own admin, tested by Django
            inner = ":".join(n for n in [namespace, pattern.namespace] if n)
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield ":".join(n for n in [namespace, pattern.name] if n), pattern.callback


def post_url_names() -> set[str]:
    """Name every URL of the portal that may accept a POST."""
    names = set()
    for name, view in _walk(get_resolver()):
        if name.split(":")[0] in EXCLUDED_NAMESPACES:
            continue
        methods = _allowed_methods(view)
        if methods is None or "POST" in methods:
            names.add(name)
    return names


def test_every_form_is_fuzzed_or_excluded():
    names = post_url_names()
    covered = {case.split("[")[0] for case in CASES}  # "plans:item_add[section]" covers plans:item_add
    missing = sorted(names - covered - set(EXCLUDED))
    assert not missing, f"Add these forms to CASES in {__name__} (or to EXCLUDED, with a reason): {missing}"
    stale = sorted((covered | set(EXCLUDED)) - names)
    assert not stale, f"These are no longer forms that take POST: {stale}"


# --- Reading the form from the page ---------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, file, submit, hidden, date, number...
    values: list[str] = field(default_factory=list)  # the current value(s)
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    hints: dict = field(default_factory=dict)  # min, inputmode, required, accept from the HTML


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class FormParser(HTMLParser):
    """Collect the forms that post: <form method="post"> and elements with hx-post (htmx includes
    the values of the form around them, so an hx-post element inside a form gets them too)."""

    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.open: list[Form] = []  # the <form> being read and any hx-post element inside it
        self.select: list[Field] = []
        self.option_value: str | None = None
        self.textarea: list[Field] = []

    def _fields(self, name: str, kind: str, hints: dict | None = None) -> list[Field]:
        found = []
        for form in self.open:
            existing = form.fields.get(name)
            if existing is None:
                existing = form.fields[name] = Field(name, kind, hints=hints or {})
            elif kind == "checkbox":
                existing.multiple = True
            found.append(existing)
        return found

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        is_post_form = tag == "form" and a.get("method", "get").lower() == "post"
        if is_post_form or "hx-post" in a:
            action = a.get("hx-post") or a.get("action") or self.page_path
            form = Form(urlparse(action).path or self.page_path)
            self.forms.append(form)
            if tag == "form":
                self.open = [form]
            else:
                self.open.append(form)
                for outer in self.open[:-1]:  # what is already read of the enclosing form goes along
                    form.fields.update({k: Field(**vars(v)) for k, v in outer.fields.items()})
            return
        if tag == "option" and self.select:
            self.option_value = a.get("value")
            if self.option_value is not None:
                for f in self.select:
                    f.options.append(self.option_value)
                    if "selected" in a:
                        f.values.append(self.option_value)
            return
        if not self.open or not a.get("name") or "disabled" in a:
            return
        name = a["name"]
        hints = {k: a[k] for k in ("min", "inputmode", "required", "accept") if k in a}
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"reset", "image"}:
                return
            value = a.get("value", "on" if kind in {"checkbox", "radio"} else "")
            for f in self._fields(name, kind, hints):
                if kind in {"checkbox", "radio", "submit"}:
                    f.options.append(value)
                    if "checked" in a:
                        f.values.append(value)
                else:
                    f.values = [value]
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            for f in self._fields(name, "submit"):
                f.options.append(a.get("value", ""))
        elif tag == "textarea":
            self.textarea = self._fields(name, "textarea", hints)
            for f in self.textarea:
                f.values = [""]
        elif tag == "select":
            self.select = self._fields(name, "select", hints)
            for f in self.select:
                f.multiple = "multiple" in a

    def handle_data(self, data):
        for f in self.textarea:
            f.values[0] += data
        if self.select and self.option_value is None and data.strip():
            for f in self.select:
                f.options.append(data.strip())

    def handle_endtag(self, tag):
        if tag == "form":
            self.open = []
        elif tag == "textarea":
            self.textarea = []
        elif tag == "select":
            self.select = []
        elif tag == "option":
            self.option_value = None


def find_form(html: str, page_path: str, target_path: str) -> Form | None:
    parser = FormParser(page_path)
    parser.feed(html)
    for form in parser.forms:
        if form.action == target_path:
            return form
    return None


# --- Generated values ----------------------------------------------------------------------------

SENSIBLE = {
    "date": "2026-03-02",
    "datetime-local": "2026-03-02T10:00",
    "time": "10:00",
    "email": "fuzz@example.org",
    "url": "https://example.org/",
    "number": "1",
    "tel": "0116 000 0000",
}


def _sensible(f: Field):
    """A value a careful user might type, so that some posts get past the form."""
    if f.kind == "file" and f.name != "file":  # a document (the CSV imports call theirs "file")
        return SimpleUploadedFile("terms.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    if f.kind == "file":
        content = b"name,type,partnership_area\nFuzz Trust,Voluntary and community sector,Voluntary sector\n"
        return SimpleUploadedFile("partners.csv", content, "text/csv")
    if f.kind in {"checkbox", "radio", "select"}:
        chosen = [v for v in f.values if v]
        if f.kind == "select" and not f.multiple and not f.values:
            chosen = f.options[:1]  # what a browser sends when no option is marked selected
        if not [v for v in chosen if v] and (f.kind != "select" or "required" in f.hints):
            chosen = [o for o in f.options if o][:1]  # past a "---------"
        if f.kind == "checkbox" and not f.values and not f.multiple:
            return OMIT  # a single box left unticked
        return (chosen if f.multiple else chosen[0]) if chosen else OMIT
    if f.kind == "submit":
        return f.options[0] if f.options else OMIT
    current = (f.values[0] if f.values else "").removeprefix("\n")  # HTML drops a textarea's first newline
    if current or f.kind == "hidden" or re.search(r"-\d+-", f.name):  # a formset's blank extra form stays blank
        return current
    if f.kind == "number":
        return f.hints.get("min") or "1"
    if f.hints.get("inputmode") == "decimal":
        return "100.00"
    if "required" not in f.hints:
        return ""
    if f.kind in {"date", "datetime-local"}:
        later = any(word in f.name for word in ("end", "closes", "until", "due", "to"))
        return ("2026-06-30" if later else "2026-03-02") + ("T10:00" if f.kind == "datetime-local" else "")
    return SENSIBLE.get(f.kind) or ("Fuzz text\nwith two lines" if f.kind == "textarea" else "Fuzz-1")


def _fresh(value):
    """A new copy of a careful user's upload (a posted file is read to its end)."""
    if isinstance(value, SimpleUploadedFile):
        return SimpleUploadedFile(value.name, value.file.getvalue(), value.content_type)
    return value


def _nasty_file():
    return st.sampled_from(NASTY_CSV).map(lambda content: SimpleUploadedFile("upload.csv", content, "text/csv"))


def nasty_value(f: Field):
    """Values that are long, empty, unicode, NUL, out of range, bad dates; malformed CSV for a file."""
    if f.kind == "file":
        return st.one_of(_nasty_file(), st.just(OMIT))
    if f.kind == "submit":
        return st.sampled_from(f.options or [OMIT])
    text = st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=30))
    if f.multiple:
        return st.one_of(st.lists(text, max_size=3), st.just(OMIT))
    return st.one_of(text, st.just(OMIT))


def form_data(form: Form | None, careful: dict):
    """A careful user's answers with up to three fields spoiled, so the spoilt value meets the service."""
    fields = [f for f in form.fields.values() if f.name != "csrfmiddlewaretoken"] if form else []
    spoilt = (
        st.lists(st.sampled_from(fields), unique_by=lambda f: f.name, max_size=3).flatmap(
            lambda chosen: st.tuples(*[nasty_value(f) for f in chosen]).map(
                lambda values: {f.name: v for f, v in zip(chosen, values, strict=True)}
            )
        )
        if fields
        else st.just({})
    )
    extra = st.dictionaries(st.sampled_from(["next", "page", "pk", "id"]), st.sampled_from(NASTY_TEXT), max_size=1)

    def assemble(parts: tuple[dict, dict]) -> dict:
        spoils, extras = parts
        fresh = {k: _fresh(v) for k, v in careful.items()}
        data = {f.name: _sensible(f) for f in fields} | fresh | spoils  # fresh uploads for every post
        return {**extras, **{k: v for k, v in data.items() if v is not OMIT}}

    return st.tuples(spoilt, extra).map(assemble)


# --- What a post may change ----------------------------------------------------------------------


def watched_models():
    return [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.app_label not in UNWATCHED_APPS
    ]


def row_counts(models) -> dict:
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models)  # noqa: S608 (model tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return dict(zip(models, cursor.fetchone(), strict=True))


def incomplete_new_records(models, before: dict, after: dict) -> list[str]:
    """Validate the records a post added: a saved record must be whole."""
    problems = []
    for model in models:
        added = after[model] - before[model]
        if added <= 0 or model.__name__.startswith("Historical") or model._meta.pk.get_internal_type() == "UUIDField":
            continue
        for record in model._default_manager.order_by("-pk")[:added]:
            # A field left null on purpose (not yet declared, not yet decided) is not missing.
            unset = [f.name for f in model._meta.concrete_fields if f.null and getattr(record, f.attname) is None]
            try:
                record.full_clean(exclude=unset, validate_unique=False, validate_constraints=False)
            except Exception as error:
                problems.append(f"{model.__name__} {record.pk}: {error}")
    return problems


def _shown(data: dict) -> dict:
    def short(value):
        if isinstance(value, SimpleUploadedFile):
            return f"<file {value.name}>"
        text = repr(value)
        return text if len(text) < 80 else text[:77] + "..."

    return {k: short(v) for k, v in data.items()}


# --- The fuzz ------------------------------------------------------------------------------------


class Rollback(Exception):
    pass


@pytest.mark.parametrize("name", sorted(CASES))
def test_form_survives_generated_input(name, client, db):
    case = CASES[name]
    world = World()
    world.organisation, world.opcc, world.partnership  # noqa: B018 (choices for the forms' lists)
    url = case.url(world)
    page = case.page(world) if case.page else url
    if case.user:
        user = world
        for part in case.user.split("."):
            user = getattr(user, part)
        client.force_login(user)
    client.raise_request_exception = True
    shown = client.get(page, follow=True)
    assert shown.status_code == 200, f"{name}: the user cannot open the form's page {page} ({shown.status_code})"
    form = find_form(shown.content.decode(), shown.request["PATH_INFO"], urlparse(url).path)
    assert form is not None or case.no_form_because, f"{name}: no form that posts to {url} on {page}"
    models = watched_models()
    failures: list[str] = []

    careful = {k: v(world) if callable(v) else v for k, v in case.values.items()}

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(form_data(form, careful))
    def post(data):
        try:
            with transaction.atomic():
                before = row_counts(models)
                try:
                    response = client.post(url, data)
                except Exception:
                    failures.append(f"500 at {url} with {_shown(data)}:\n{traceback.format_exc(limit=-3)}")
                    raise Rollback from None
                after = row_counts(models)
                statuses.append(response.status_code)
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} at {url} with {_shown(data)}")
                elif response.status_code in REFUSALS and not (
                    case.saves_without_redirect and response.status_code == 200
                ):
                    changed = {m.__name__: after[m] - before[m] for m in models if after[m] != before[m]}
                    if changed:
                        failures.append(
                            f"{response.status_code} (not saved) at {url} but rows changed {changed} "
                            f"with {_shown(data)}"
                        )
                elif response.status_code not in REFUSALS | {301, 302, 303}:
                    failures.append(f"unexpected {response.status_code} at {url} with {_shown(data)}")
                else:
                    problems = incomplete_new_records(models, before, after)
                    if problems:
                        failures.append(f"half-saved at {url} with {_shown(data)}: {problems}")
                raise Rollback
        except Rollback:
            pass

    statuses: list[int] = []
    post()
    if report := os.environ.get("FUZZ_REPORT"):  # a file to see how far the posts got
        with open(report, "a", encoding="utf-8") as out:
            out.write(f"{name}\t{sorted(statuses)}\n")
    assert not failures, "\n\n".join(failures)


def _register_docx():
    """A careful user's Word file for a recommendations register: a heading and a lettered list."""
    from tests.core.docx_helpers import docx_upload, heading, lettered_list

    return docx_upload([heading("Priorities"), lettered_list(["Rank the priorities.", "Publish the targets."])])
