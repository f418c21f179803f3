"""A panel's page writes its members, meetings and reports as it always wrote them from the model objects."""

import datetime

import pytest
from django.template import engines
from django.urls import reverse

from panels.models import Meeting, Membership
from panels.selectors import members_in_post, panel_page_lists
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.panels.factories import MeetingFactory, MembershipFactory, PanelFactory, PanelReportFactory
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# The rows as the panel's template wrote them from model objects, before the view worked out each row's values.
MODEL_MEMBERS = """{% for member in members %}
        <tr><td>{{ member.full_name }}</td><td>{{ member.get_kind_display }}</td><td>{{ member.council.name|default:"Co-opted by the panel" }}</td><td>{{ member.party|default:"–" }}</td><td>{{ member.get_office_display }}</td><td>{{ member.starts_on|date:"j M Y" }}</td>{% if can_manage %}<td><a href="{{ member.edit_url }}">Change<span class="visually-hidden"> {{ member.full_name }}</span></a></td>{% endif %}</tr>
      {% endfor %}"""  # noqa: E501
MODEL_MEETINGS = """{% for meeting in meetings %}
      <li><a href="{{ meeting.get_absolute_url }}">{{ meeting.starts_at|date:"l j F Y" }}</a> – {{ meeting.get_kind_display }}{% if not meeting.papers_published %} <span class="badge text-bg-secondary">Papers not published</span>{% endif %}</li>
    {% endfor %}"""  # noqa: E501
MODEL_REPORTS = """{% for report in reports %}<li><a href="{{ report.get_absolute_url }}">{{ report.title }}</a> ({{ report.sent_on|date:"j F Y" }}){% if not report.is_published %} <span class="badge text-bg-secondary">Not published</span>{% endif %}</li>{% endfor %}"""  # noqa: E501


@pytest.fixture
def panel():
    panel = PanelFactory(force_area=ForceAreaFactory())
    council = OrganisationFactory(council=True, name="Fish & <Chips> Borough", areas=[panel.force_area])
    MembershipFactory(panel=panel, full_name='"Quoted" Member', council=council, office=Membership.Office.CHAIR)
    MembershipFactory(panel=panel, co_opted=True, full_name="Co-opted & Independent")
    MembershipFactory(panel=panel, left=True, full_name="Gone Member")
    MeetingFactory(panel=panel, published=True)  # 29 September 2014, 14:00 London (BST)
    MeetingFactory(panel=panel, starts_at=datetime.datetime(2015, 1, 1, 0, 30, tzinfo=datetime.UTC))  # GMT
    MeetingFactory(panel=panel, starts_at=datetime.datetime(2014, 6, 30, 23, 30, tzinfo=datetime.UTC),  # BST: 1 July
                   kind=Meeting.Kind.ANNUAL_REPORT)  # fmt: skip
    PanelReportFactory(panel=panel, title="Report <one> & more", published=True)
    PanelReportFactory(panel=panel, title="Unpublished report", sent_on=datetime.date(2013, 3, 4))
    return panel


def _model_sections(user, panel, *, can_manage: bool) -> list[str]:
    django = engines["django"]
    members = list(members_in_post(panel, on=datetime.date.today()).select_related("council"))
    for member in members:
        member.edit_url = reverse("panels:membership_edit", kwargs={"pk": panel.pk, "membership_pk": member.pk})
    meetings, reports = panel_page_lists(user, panel)
    return [
        django.from_string(MODEL_MEMBERS).render({"members": members, "can_manage": can_manage}),
        django.from_string(MODEL_MEETINGS).render({"meetings": meetings}),
        django.from_string(MODEL_REPORTS).render({"reports": reports}),
    ]


@pytest.mark.parametrize(
    ("traits", "can_manage"),
    [({"panel_secretariat": True}, True), ({"panel_member": True}, False), ({"opcc_staff": True}, False),
     ({"partner": True}, False), ({"administrator": True}, True)],
)  # fmt: skip
def test_members_meetings_and_reports_are_written_as_the_model_objects_wrote_them(client, panel, traits, can_manage):
    user = UserFactory(areas=[panel.force_area], **traits)
    client.force_login(user)
    page = client.get(panel.get_absolute_url()).text
    members, meetings, reports = _model_sections(user, panel, can_manage=can_manage)
    assert members.count("<tr>") == 2 and "Fish &amp; &lt;Chips&gt; Borough" in members
    assert "Co-opted by the panel" in members and "–" in members and "Gone Member" not in members
    assert ("Change<span" in members) is can_manage
    assert "Monday 29 September 2014" in meetings and "Report &lt;one&gt; &amp; more" in reports
    if "partner" not in traits:  # insiders also see the meetings whose papers are not published
        assert "Tuesday 1 July 2014" in meetings and "Thursday 1 January 2015" in meetings
    for html in (members, meetings, reports):
        assert html in page


def test_a_user_of_another_area_cannot_open_the_panel(client, panel):
    client.force_login(UserFactory(panel_secretariat=True, areas=[ForceAreaFactory()]))
    assert client.get(panel.get_absolute_url()).status_code == 404
