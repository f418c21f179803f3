"""The statutory timetable of a plan (s5 of the 2011 Act) and the deadlines it gives the reminders."""

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
)
from django.utils import timezone

from pcc_portal.accounts.models import Role, User
from pcc_portal.core.querytemplates import template_rows
from pcc_portal.deadlines.recipients import people_by_area
from pcc_portal.deadlines.registry import LONDON, Deadline, due_at

from .models import Plan, PlanVersion

S = PlanVersion.Status
END_OF_DAY = time(23, 59)


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    happened: date | None = None
    due: date | None = None
    note: str = ""

    @property
    def done(self) -> bool:
        return self.happened is not None

    @property
    def overdue(self) -> bool:
        return not self.done and self.due is not None and self.due < timezone.localdate()


def _day(value: datetime | None) -> date | None:
    return timezone.localtime(value, LONDON).date() if value else None


def plan_timetable(plan: Plan, versions: Iterable[PlanVersion]) -> list[Step]:
    """Return the plan's statutory steps, from the versions given (in number order)."""
    versions = list(versions)
    shared = [v for v in versions if v.shared_at]
    first_shared = shared[0] if shared else None
    reviewed = [v for v in versions if v.panel_report_due or v.panel_report_received]
    review = reviewed[-1] if reviewed else first_shared
    consulted = [v for v in versions if v.consultation_closes]
    consultation = consulted[-1] if consulted else None
    issued = [v for v in versions if v.issued_at]
    deadline = plan.issue_deadline
    return [
        Step(
            "sent_to_panel",
            "Draft sent to the Police and Crime Panel",
            _day(first_shared.shared_at) if first_shared else None,
            note=first_shared.name if first_shared else "",
        ),
        Step(
            "panel_report",
            "Panel's report on the draft received",
            review.panel_report_received if review else None,
            due=review.panel_report_due if review else None,
            note=review.name if review else "",
        ),
        Step(
            "panel_response",
            "Commissioner's response to the panel published",
            review.panel_response_published if review else None,
            due=deadline if review and review.panel_report_received else None,
        ),
        Step(
            "consultation_close",
            "Public consultation closes",
            _day(consultation.consultation_closes)
            if consultation and consultation.consultation_closes <= timezone.now()
            else None,
            due=_day(consultation.consultation_closes) if consultation else None,
            note=consultation.name if consultation else "",
        ),
        Step(
            "issue",
            "Plan issued",
            _day(issued[0].issued_at) if issued else None,
            due=deadline,
            note="By 31 March of the financial year of the election (s5).",
        ),
    ]


def plan_deadlines(
    *, start: datetime, end: datetime, user=None, area_id: int | None = None, recipients: bool = True
) -> Iterator[Deadline]:
    """Yield the plans' deadlines due in [start, end); for a user, only those they are to be reminded of; with
    area_id, only that area's; with recipients=False, without who is reminded."""
    scope: dict = {}
    if user is not None:
        if not user.is_authenticated or user.role not in {Role.OPCC_STAFF, Role.PANEL_SECRETARIAT}:
            return
        # A plan's issue deadline reminds its area's OPCC staff only.
        scope = {
            "area_ids": user.area_ids,
            "plan_area_ids": user.area_ids if user.role == Role.OPCC_STAFF else (),
        }
    found: list[tuple[str, int, Deadline]] = []
    rows = template_rows(
        ("plans.deadline_rows", None if user is None else (user.role, user.is_active, user.is_superuser)),
        functools.partial(_rows_query, None if user is None else _stand_in_user(user)),
        start=start,
        end=end,
        report_from=start.astimezone(LONDON).date(),
        report_to=end.astimezone(LONDON).date(),
        area_id=area_id,
        **scope,
    )
    plans, candidates = _plans_and_versions(rows)

    # Issue deadline: 31 March of the election's financial year, per plan.
    for plan in plans:
        due = due_at(plan.issue_deadline, END_OF_DAY)
        if start <= due < end:
            done = plan.issued
            found.append(
                (
                    "staff",
                    plan.force_area_id,
                    Deadline(
                        key=f"plans.issue:{plan.pk}",
                        kind="plans.issue",
                        kind_label="Plan issue deadline",
                        title=f"Issue {plan.title}",
                        due=due,
                        url=plan.get_absolute_url(),
                        area_id=plan.force_area_id,
                        responsible="OPCC",
                        done=done,
                    ),
                )
            )
    # Consultation close, per version.
    for version in candidates:
        if version.consultation_closes is None or not start <= version.consultation_closes < end:
            continue
        found.append(
            (
                "staff",
                version.force_area_id,
                Deadline(
                    key=f"plans.consultation_close:{version.pk}",
                    kind="plans.consultation_close",
                    kind_label="Plan consultation closes",
                    title=f"Consultation on {version} closes",
                    due=version.consultation_closes,
                    url=version.get_absolute_url(),
                    area_id=version.force_area_id,
                    responsible="OPCC",
                    done=version.status not in {S.SHARED, S.CONSULTATION},
                ),
            )
        )
    # The panel's report on a shared draft, when a date was asked for.
    for version in candidates:
        if version.panel_report_due is None or version.shared_at is None:
            continue
        due = due_at(version.panel_report_due, END_OF_DAY)
        if start <= due < end:
            found.append(
                (
                    "secretariat",
                    version.force_area_id,
                    Deadline(
                        key=f"plans.panel_report:{version.pk}",
                        kind="plans.panel_report",
                        kind_label="Panel report on the draft plan",
                        title=f"Panel to report on {version}",
                        due=due,
                        url=version.get_absolute_url(),
                        area_id=version.force_area_id,
                        responsible="Panel secretariat",
                        done=version.panel_report_received is not None,
                    ),
                )
            )
    # The response to the panel's report must be published before the plan is issued.
    for version in candidates:
        if version.panel_report_received is None:
            continue
        due = due_at(version.plan.issue_deadline, END_OF_DAY)
        if start <= due < end:
            found.append(
                (
                    "staff",
                    version.force_area_id,
                    Deadline(
                        key=f"plans.panel_response:{version.pk}",
                        kind="plans.panel_response",
                        kind_label="Response to the panel's report",
                        title=f"Publish the response to the panel's report on {version}",
                        due=due,
                        url=version.get_absolute_url(),
                        area_id=version.force_area_id,
                        responsible="OPCC",
                        done=version.panel_response_published is not None,
                    ),
                )
            )
    if not found:
        return
    roles = [Role.OPCC_STAFF, Role.PANEL_SECRETARIAT]
    people = people_by_area({area for _, area, _ in found}, roles, user=user) if recipients else {}
    for audience, area, deadline in found:
        staff = people.get(area, {}).get(Role.OPCC_STAFF, frozenset())
        secretariat = people.get(area, {}).get(Role.PANEL_SECRETARIAT, frozenset())
        reminded = staff if audience == "staff" else secretariat
        escalate = staff if audience == "secretariat" else frozenset()
        item = replace(deadline, recipient_ids=reminded, escalate_to_ids=escalate)
        if user is not None and user.pk not in item.recipient_ids:
            continue
        yield item


def _stand_in_user(user) -> User:
    """Return a user of the same role and standing as this one, without their areas (each query gives its own)."""
    return User(role=user.role, is_active=user.is_active, is_superuser=user.is_superuser)


def _rows_query(user, *, start, end, report_from, report_to, area_id=None, area_ids=(), plan_area_ids=()):
    """Return the plans and the versions that may fall due in the range as rows of the same columns (a UNION);
    with a (stand-in) user, only those of `plan_area_ids` and the versions the user may see in `area_ids`."""
    from .selectors import visible_to

    plans = Plan.objects.all()
    versions = PlanVersion.objects.all()
    if area_id is not None:
        plans = plans.filter(force_area_id=area_id)
        versions = versions.filter(plan__force_area_id=area_id)
    if user is not None:
        user.__dict__["area_ids"] = area_ids  # visible_to reads the user's areas: these
        plans = plans.filter(force_area_id__in=plan_area_ids)
        versions = versions.filter(visible_to(user), plan__force_area_id__in=area_ids)
    # The three per-version deadlines below come from the versions that may fall due, split here.
    report_window = Q(panel_report_due__gte=report_from, panel_report_due__lte=report_to)
    versions = versions.filter(
        Q(consultation_closes__gte=start, consultation_closes__lt=end)
        | Q(report_window, shared_at__isnull=False)
        | Q(panel_report_received__isnull=False)
    )
    no_date = Value(None, output_field=DateField())
    no_moment = Value(None, output_field=DateTimeField())
    issued = PlanVersion.objects.filter(plan=OuterRef("pk"), issued_at__isnull=False)
    plan_rows = plans.values(
        "pk",
        source_=Value("plan"),
        plan_=F("pk"),
        title_=F("title"),
        area_=F("force_area_id"),
        election_=F("election_date"),
        period_start_=F("period_start"),
        issued_=Exists(issued),
        number_=Value(None, output_field=IntegerField()),
        label_=Value("", output_field=CharField()),
        status_=Value("", output_field=CharField()),
        shared_=no_moment,
        closes_=no_moment,
        report_due_=no_date,
        report_received_=no_date,
        response_published_=no_date,
    )
    version_rows = versions.values(
        "pk",
        source_=Value("version"),
        plan_=F("plan_id"),
        title_=F("plan__title"),
        area_=F("plan__force_area_id"),
        election_=F("plan__election_date"),
        period_start_=F("plan__period_start"),
        issued_=Value(False, output_field=BooleanField()),
        number_=F("number"),
        label_=F("label"),
        status_=F("status"),
        shared_=F("shared_at"),
        closes_=F("consultation_closes"),
        report_due_=F("panel_report_due"),
        report_received_=F("panel_report_received"),
        response_published_=F("panel_response_published"),
    )
    return plan_rows.order_by().union(version_rows.order_by(), all=True)


def _plans_and_versions(rows) -> tuple[list[Plan], list[PlanVersion]]:
    """Return the plans (each knowing whether it was issued) and the versions with their plans, from the rows of
    _rows_query, made back into model objects, so the statutory dates stay computed by the models themselves."""
    found_plans: list[Plan] = []
    found_versions: list[PlanVersion] = []
    for row in rows:
        plan = Plan(
            pk=row["plan_"],
            title=row["title_"],
            force_area_id=row["area_"],
            election_date=row["election_"],
            period_start=row["period_start_"],
        )
        if row["source_"] == "plan":
            plan.issued = row["issued_"]
            found_plans.append(plan)
            continue
        found_versions.append(
            PlanVersion(
                pk=row["pk"],
                plan=plan,
                number=row["number_"],
                label=row["label_"],
                status=row["status_"],
                shared_at=row["shared_"],
                consultation_closes=row["closes_"],
                panel_report_due=row["report_due_"],
                panel_report_received=row["report_received_"],
                panel_response_published=row["response_published_"],
            )
        )

    # In the models' own orders (Meta.ordering), as two queries gave them.
    def plan_order(plan: Plan) -> tuple:
        return (-plan.period_start.toordinal(), plan.title, plan.pk)

    found_plans.sort(key=plan_order)
    found_versions.sort(key=lambda version: (plan_order(version.plan), version.number))
    return found_plans, found_versions
