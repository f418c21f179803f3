"""Visitors find the public meetings calendar from the meeting pages."""

import pytest

from tests.panels.factories import MeetingFactory, PanelFactory

pytestmark = pytest.mark.django_db


def test_visitor_finds_the_meetings_calendar_feed(client, area):
    meeting = MeetingFactory(panel=PanelFactory(force_area=area), published=True)
    listing = client.get("/panels/meetings/").content.decode()
    assert 'href="/deadlines/meetings.ics"' in listing
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="/deadlines/meetings.ics?area={area.code}"' in page
    feed = client.get(f"/deadlines/meetings.ics?area={area.code}")
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.content.decode()
