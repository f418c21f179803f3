"""The published documents that go into an area's package.

The 360Giving JSON of the area's published grants, the area's public
calendar of panel meetings, and every registered PDF a visitor may read
(issued plan versions, published agenda reports, the panel's reports,
bulletins, findings reports), within a time budget; what is left out is
named in the manifest's notes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

from django.utils import timezone

logger = logging.getLogger(__name__)

CALENDAR_WINDOW = dt.timedelta(days=5 * 366)


# Registered PDF documents and how to find the area's candidates for each; a document goes into the package
# when a visitor without an account may read it (that is: it is published).
PUBLISHED_PDFS = [
    ("plans.version", "version_id", "plans.PlanVersion", "plan__force_area"),
    ("panels.agenda_report", "report_id", "panels.AgendaReport", "agenda_item__meeting__panel__force_area"),
    ("panels.panel_report", "report_id", "panels.PanelReport", "panel__force_area"),
    ("partners.bulletin", "bulletin_id", "partners.Bulletin", "force_area"),
    ("consultations.findings_report", "event_id", "consultations.ConsultationEvent", "force_areas"),
]


def area_documents(area, *, since=None, until=None, progress=None, pdfs: bool = True):
    """Yield (name, bytes or None, note) for each published document of the area."""
    yield from _three_sixty_giving(area)
    yield from _calendar(area, since=since, until=until)
    if pdfs:
        yield from _published_pdfs(area, progress=progress)
    else:
        yield None, None, "Published PDFs were not rendered for this package (asked for without them)."


def _published_pdfs(area, *, progress=None):
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser

    from pcc_portal.pdf.registry import get_document
    from pcc_portal.pdf.services import pdf_from_source

    budget = getattr(settings, "ARCHIVE_PDF_BUDGET_SECONDS", 300)
    started = time.monotonic()
    visitor = AnonymousUser()
    for document, param, model_label, path in PUBLISHED_PDFS:
        try:
            registered = get_document(document)
        except LookupError:
            continue
        model = apps.get_model(model_label)
        for pk in model._base_manager.filter(**{path: area.pk}).order_by("pk").values_list("pk", flat=True).distinct():
            params = {param: pk}
            if not registered.can_view(visitor, **params):
                continue
            if time.monotonic() - started > budget:
                yield (
                    None,
                    None,
                    f"Published PDFs after {budget} s of rendering were left out; the records are in data/.",
                )
                return
            if progress:
                progress(85, f"Rendering {document} {pk}")
            try:
                stored = pdf_from_source(registered.build(**params))
            except Exception as exc:  # one broken document must not stop the archive
                logger.exception("Archive: %s %s could not be rendered", document, pk)
                yield None, None, f"{document} {pk} could not be rendered: {exc}"
                continue
            yield f"pdf/{document.replace('.', '-')}-{pk}.pdf", stored.read(), None


def _three_sixty_giving(area):
    from commissioning import opendata, selectors

    grants = selectors.published_grants().filter(force_area=area)
    package = opendata.package_360(grants)
    yield "grants-360giving.json", json.dumps(package, indent=2, sort_keys=True).encode(), None


def _calendar(area, *, since=None, until=None):
    from pcc_portal.deadlines.feeds import build_calendar
    from pcc_portal.deadlines.selectors import public_calendar_events

    now = timezone.now()
    start = since or timezone.make_aware(dt.datetime(2000, 1, 1))
    end = until or now + CALENDAR_WINDOW
    events = public_calendar_events(start=start, end=end, area_id=area.pk)
    name = f"Police and Crime Panel meetings – {area.name}"
    yield "calendar.ics", build_calendar(name=name, events=events, now=now), None
