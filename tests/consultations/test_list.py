"""The consultations list: each section lists its consultations as the page always wrote them."""

import datetime
import zoneinfo

import pytest
from django.db.models import Count, Q
from django.template import engines
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Response
from consultations.selectors import consultations_visible_to

from .factories import ConsultationFactory, ResponseFactory

pytestmark = pytest.mark.django_db

# The rows as the list's template wrote them from model objects, before it read rows worked out in the view.
MODEL_ROWS = """{% if items %}
<ul class="list-unstyled">
  {% for c in items %}
  <li class="border-bottom py-2">
    <a class="fw-semibold" href="{{ c.get_absolute_url }}">{{ c.title }}</a>
    <div class="small text-body-secondary">
      {{ c.force_area.name }} · {{ c.get_audience_display }} ·
      opens {{ c.opens_at|date:"j F Y, H:i" }} · closes {{ c.closes_at|date:"j F Y, H:i" }} ·
      {{ c.response_count }} response{{ c.response_count|pluralize }}
    </div>
  </li>
  {% endfor %}
</ul>
{% elif empty %}<p>{{ empty }}</p>{% endif %}"""


@pytest.fixture
def varied(area, other_area, organisation):
    """Consultations of every state and audience, with 0, 1 and 2 submitted responses and awkward text."""
    london = zoneinfo.ZoneInfo("Europe/London")
    made = [
        ConsultationFactory(force_area=area, title="Fish & <chips>"),
        ConsultationFactory(force_area=area, public=True, closed=True),
        ConsultationFactory(force_area=area, upcoming=True, title='"Quoted" plan'),
        ConsultationFactory(force_area=area, draft=True),
        ConsultationFactory(force_area=other_area, public=True),
        ConsultationFactory(
            force_area=area,
            opens_at=datetime.datetime(2025, 3, 30, 0, 30, tzinfo=datetime.UTC),  # GMT, the night clocks go forward
            closes_at=datetime.datetime(2025, 7, 1, 23, 15, tzinfo=datetime.UTC),  # BST: 2 July, 00:15
        ),
        ConsultationFactory(
            force_area=area,
            opens_at=datetime.datetime(2024, 12, 1, tzinfo=london),
            closes_at=datetime.datetime(2025, 1, 1, tzinfo=london),
        ),
    ]
    ResponseFactory(consultation=made[0], organisation=organisation, submitted=True)
    ResponseFactory.create_batch(2, consultation=made[1], submitted=True)
    ResponseFactory(consultation=made[1])  # a draft: not counted
    return made


def _model_sections(user) -> dict[str, str]:
    consultations = list(
        consultations_visible_to(user)
        .select_related("force_area")
        .annotate(response_count=Count("responses", filter=Q(responses__status=Response.Status.SUBMITTED)))
        .order_by("-closes_at", "title")
    )
    published = Consultation.Status.PUBLISHED
    now = timezone.now()
    sections = {
        "open": [c for c in consultations if c.is_open(now)],
        "upcoming": [c for c in consultations if c.status == published and c.opens_at > now],
        "closed": [c for c in consultations if c.status == published and c.has_closed(now)],
        "drafts": [c for c in consultations if c.status == Consultation.Status.DRAFT],
    }
    rows = engines["django"].from_string(MODEL_ROWS)
    return {name: rows.render({"items": items, "empty": "x"}) for name, items in sections.items()}


def test_every_section_lists_its_consultations_as_the_model_rows_wrote_them(client, staff_user, varied):
    client.force_login(staff_user)
    page = client.get(reverse("consultations:list")).content.decode()
    sections = _model_sections(staff_user)
    assert all(title in page for title in ("Fish &amp; &lt;chips&gt;", "&quot;Quoted&quot; plan"))
    assert "2 July 2025, 00:15" in page and "30 March 2025, 00:30" in page
    for name, html in sections.items():
        assert html.strip() != "<p>x</p>", name  # each section has rows
        assert html.strip() in page, name
    assert all(f"\n      {count}\n" in page for count in ("0 responses", "1 response", "2 responses"))


def test_partner_list_lists_what_the_model_rows_wrote(client, partner, organisation, varied, area):
    invited = ConsultationFactory(force_area=area, invited=[organisation], title="Invited & open")
    client.force_login(partner)
    page = client.get(reverse("consultations:list")).content.decode()
    assert invited.get_absolute_url() in page
    for name, html in _model_sections(partner).items():
        if html.strip() != "<p>x</p>":
            assert html.strip() in page, name


def test_a_consultation_is_listed_as_open_from_its_opening_moment_and_closed_from_its_closing_moment(
    client, staff_user, area, monkeypatch
):
    now = timezone.now()
    week = datetime.timedelta(days=7)
    opening = ConsultationFactory(force_area=area, title="Opens now", opens_at=now, closes_at=now + week)
    closing = ConsultationFactory(force_area=area, title="Closes now", opens_at=now - week, closes_at=now)
    monkeypatch.setattr(timezone, "now", lambda: now)  # the clock stands still at both moments
    client.force_login(staff_user)
    response = client.get(reverse("consultations:list"))
    assert [c["title"] for c in response.context["open"]] == ["Opens now"]
    assert [c["title"] for c in response.context["closed"]] == ["Closes now"]
    assert response.context["upcoming"] == []
    assert opening.is_open() and not opening.has_closed()
    assert closing.has_closed() and not closing.is_open()
