"""A round's page lists the applications each user may see, written as it always wrote them from the model objects."""

import pytest
from django.template import engines

from commissioning.models import Application
from commissioning.selectors import applications_visible_to
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.partners.factories import OrganisationFactory

from .factories import ApplicationFactory, RoundFactory, partner_of

pytestmark = pytest.mark.django_db

# The rows as the round's template wrote them from model objects, before the view worked out each row's values.
MODEL_ROWS = """{% load portal %}{% for application in applications %}
      <tr><td><a href="{{ application.get_absolute_url }}">{{ application.title }}</a></td><td>{{ application.organisation.name }}</td><td class="money">{{ application.amount_requested_pence|pence }}</td><td>{{ application.get_status_display }}</td></tr>
    {% empty %}<tr><td colspan="4">None.</td></tr>{% endfor %}"""  # noqa: E501


@pytest.fixture
def round_():
    round_ = RoundFactory()
    quoted = OrganisationFactory(name='"Quoted" Trust', areas=[round_.stream.force_area])
    ApplicationFactory(round=round_, title="Fish & <chips>", organisation=quoted)
    ApplicationFactory(round=round_, submitted=True, amount_requested_pence=123_456_789)
    ApplicationFactory(round=round_, recommended=True, amount_requested_pence=-5)
    return round_


def _model_rows(user, round_) -> str:
    applications = applications_visible_to(user).filter(round=round_).order_by("organisation__name")
    return engines["django"].from_string(MODEL_ROWS).render({"applications": applications})


def test_staff_see_every_application_as_the_model_rows_wrote_them(client, round_):
    staff = UserFactory(opcc_staff=True, areas=[round_.stream.force_area])
    client.force_login(staff)
    page = client.get(round_.get_absolute_url()).text
    rows = _model_rows(staff, round_)
    assert rows.count("<tr>") == 3 and "Fish &amp; &lt;chips&gt;" in rows and "£1,234,567.89" in rows
    assert "&quot;Quoted&quot; Trust" in rows and "-£0.05" in rows and "Recommendation moderated" in rows
    assert rows in page


def test_a_partner_sees_only_their_organisations_applications(client, round_):
    own = Application.objects.get(title="Fish & <chips>")
    partner = partner_of(own.organisation)
    client.force_login(partner)
    page = client.get(round_.get_absolute_url()).text
    rows = _model_rows(partner, round_)
    assert rows.count("<tr>") == 1 and "Fish &amp; &lt;chips&gt;" in rows
    assert rows in page
    other = partner_of(Application.objects.exclude(pk=own.pk).first().organisation)
    client.force_login(other)
    assert "Fish &amp; &lt;chips&gt;" not in client.get(round_.get_absolute_url()).text


def test_staff_of_another_area_cannot_open_the_round(client, round_):
    client.force_login(UserFactory(opcc_staff=True, areas=[ForceAreaFactory()]))
    assert client.get(round_.get_absolute_url()).status_code == 404
