"""The published documents that go into an area's package.

The 360Giving JSON of the area's published grants and the area's public
calendar of panel meetings. Published PDFs are not rendered into the package
yet (see the manifest's notes): every record they are built from is in it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

CALENDAR_WINDOW = dt.timedelta(days=5 * 366)


def area_documents(area, *, since=None, until=None, progress=None):
    """Yield (name, bytes or None, note) for each published document of the area."""
    yield from _three_sixty_giving(area)
    yield from _calendar(area, since=since, until=until)
    yield (
        None,
        None,
        (
            "Published PDFs (issued plan, agenda reports, bulletins, findings reports) are not rendered into the "
            "package: each is rebuilt by the receiving portal from the records in data/."
        ),
    )


def _three_sixty_giving(area):
    from commissioning import opendata, selectors

    grants = selectors.published_grants().filter(force_area=area)
    package = opendata.package_360(grants)
    yield "grants-360giving.json", json.dumps(package, indent=2, sort_keys=True).encode(), None


def _calendar(area, *, since=None, until=None):
    from pcc_portal.deadlines.feeds import build_calendar
    from pcc_portal.deadlines.selectors import public_calendar_events

    now = timezone.now()
    start = since or now - CALENDAR_WINDOW
    end = until or now + CALENDAR_WINDOW
    events = public_calendar_events(start=start, end=end, area_id=area.pk)
    name = f"Police and Crime Panel meetings – {area.name}"
    yield "calendar.ics", build_calendar(name=name, events=events, now=now), None
