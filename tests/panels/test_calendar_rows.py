"""The statutory calendar writes its hearings and veto votes as it always wrote them from the model objects."""

import datetime

import pytest
from django.template import engines
from django.urls import reverse

from panels.models import ConfirmationHearing, VetoVote
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.panels.factories import ConfirmationHearingFactory, PanelFactory

pytestmark = pytest.mark.django_db

# The page's hearings and votes as its template wrote them from model objects, before it read rows worked out in
# the view.
MODEL_HEARINGS = """{% load portal %}
  {% for hearing in hearings %}
  <article id="hearing-{{ hearing.pk }}" aria-labelledby="hearing-{{ hearing.pk }}-heading" class="border rounded p-3 mb-3">
    <h3 id="hearing-{{ hearing.pk }}-heading" class="h5">{{ hearing }}</h3>
    <dl class="row mb-2">
      <dt class="col-sm-4">Notification received</dt><dd class="col-sm-8">{{ hearing.notified_on|date:"j F Y" }}</dd>
      {% if hearing.hearing_on %}<dt class="col-sm-4">Hearing</dt><dd class="col-sm-8">{{ hearing.hearing_on|date:"j F Y" }}</dd>{% endif %}
      <dt class="col-sm-4">Report due by</dt><dd class="col-sm-8"><strong>{{ hearing.report_due_on|date:"l j F Y" }}</strong></dd>
      <dt class="col-sm-4">Reported</dt><dd class="col-sm-8">{% if hearing.reported_on %}{{ hearing.reported_on|date:"j F Y" }}{% if hearing.reported_late %} <strong>(warning: after the statutory period)</strong>{% endif %}{% else %}Not yet{% endif %}</dd>
      <dt class="col-sm-4">Veto</dt><dd class="col-sm-8">{% if not hearing.veto_available %}Not available for this post{% elif hearing.vetoed %}<strong>The panel vetoed the appointment</strong>{% elif hearing.reported_on %}Not vetoed{% else %}–{% endif %}{% for vote in hearing.votes.all %}: {{ vote.votes_for_veto }} of {{ vote.members_in_post }} in post voted to veto; {{ vote.threshold }} needed{% endfor %}</dd>
    </dl>
    {% if hearing.recommendation %}<div class="markdown">{{ hearing.recommendation|markdown }}</div>{% endif %}
    {% if vote_form %}<p class="mb-0"><a href="{% url 'panels:hearing_outcome' pk=hearing.pk %}">{% if hearing.reported_on %}Change the outcome<span class="visually-hidden"> for {{ hearing }}</span>{% else %}Record the outcome<span class="visually-hidden"> for {{ hearing }}</span>{% endif %}</a></p>{% endif %}
  </article>
  {% endfor %}
"""  # noqa: E501
MODEL_VOTES = """<ul>{% for vote in votes %}<li>{{ vote }}: {{ vote.votes_for_veto }} of {{ vote.members_in_post }} in post voted to veto; {{ vote.threshold }} needed – <strong>{% if vote.carried %}veto carried{% else %}veto not carried{% endif %}</strong>.</li>{% endfor %}</ul>"""  # noqa: E501


@pytest.fixture
def panel():
    panel = PanelFactory(force_area=ForceAreaFactory())
    vetoed = ConfirmationHearingFactory(
        panel=panel,
        candidate="A. Smith & <Sons>",
        notified_on=datetime.date(2026, 1, 5),
        hearing_on=datetime.date(2026, 1, 19),
        reported_on=datetime.date(2026, 1, 23),
        vetoed=True,
        recommendation="The panel **vetoes** the appointment.\n\n- first <script>alert(1)</script>",
    )
    VetoVote.objects.create(
        panel=panel, hearing=vetoed, matter=VetoVote.Matter.CHIEF_CONSTABLE, voted_on=datetime.date(2026, 1, 23),
        members_in_post=10, votes_for_veto=7,
    )  # fmt: skip
    VetoVote.objects.create(
        panel=panel, hearing=vetoed, matter=VetoVote.Matter.CHIEF_CONSTABLE, voted_on=datetime.date(2026, 1, 20),
        members_in_post=10, votes_for_veto=6,
    )  # fmt: skip
    VetoVote.objects.create(
        panel=panel, matter=VetoVote.Matter.PRECEPT, voted_on=datetime.date(2026, 2, 8), members_in_post=12,
        votes_for_veto=5,
    )  # fmt: skip
    ConfirmationHearingFactory(  # reported after the three weeks
        panel=panel, post=ConfirmationHearing.Post.DEPUTY_PCC, candidate='"Quoted" name',
        notified_on=datetime.date(2025, 11, 3), reported_on=datetime.date(2025, 12, 1),
    )  # fmt: skip
    ConfirmationHearingFactory(panel=panel, notified_on=datetime.date(2026, 3, 30))  # not yet reported, no hearing
    ConfirmationHearingFactory(  # reported, not vetoed, a blank-looking recommendation
        panel=panel, notified_on=datetime.date(2025, 6, 2), reported_on=datetime.date(2025, 6, 20), recommendation=" "
    )
    return panel


def _model_sections(panel, *, managed: bool) -> tuple[str, str]:
    django = engines["django"]
    hearings = ConfirmationHearing.objects.filter(panel=panel).prefetch_related("votes")[:20]
    votes = VetoVote.objects.filter(panel=panel)[:20]
    return (
        django.from_string(MODEL_HEARINGS).render({"hearings": hearings, "vote_form": managed}),
        django.from_string(MODEL_VOTES).render({"votes": votes}),
    )


@pytest.mark.parametrize(
    ("traits", "managed"),
    [({"panel_secretariat": True}, True), ({"panel_member": True}, False), ({"opcc_staff": True}, False),
     ({"administrator": True}, True)],
)  # fmt: skip
def test_hearings_and_votes_are_written_as_the_model_objects_wrote_them(client, panel, traits, managed):
    user = UserFactory(areas=[panel.force_area], **traits)
    client.force_login(user)
    page = client.get(reverse("panels:calendar", kwargs={"pk": panel.pk})).text
    hearings, votes = _model_sections(panel, managed=managed)
    assert hearings.count("<article") == 4 and "A. Smith &amp; &lt;Sons&gt;" in hearings
    assert "<strong>vetoes</strong>" in hearings and "<script>" not in hearings
    assert ": 7 of 10 in post voted to veto; 7 needed: 6 of 10 in post voted to veto; 7 needed" in hearings
    assert "(warning: after the statutory period)" in hearings
    assert ("Record the outcome" in hearings) is managed and ("Change the outcome" in hearings) is managed
    assert hearings.strip() in page
    assert votes in page and "veto not carried" in votes and "veto carried" in votes


def test_a_user_of_another_area_cannot_open_the_calendar(client, panel):
    client.force_login(UserFactory(panel_secretariat=True, areas=[ForceAreaFactory()]))
    assert client.get(reverse("panels:calendar", kwargs={"pk": panel.pk})).status_code == 404
