"""The plan list writes each plan the user may see as it always wrote it from the model objects."""

import datetime

import pytest
from django.template import engines
from django.urls import reverse

from plans.selectors import plan_list_for

from .factories import PlanFactory, PlanVersionFactory

pytestmark = pytest.mark.django_db

# The rows as the list's template wrote them from model objects, before the view worked out each row's values.
MODEL_ROWS = """{% for plan in plans %}
        <tr>
          <th scope="row"><a href="{{ plan.get_absolute_url }}">{{ plan.title }}</a></th>
          <td>{{ plan.force_area.name }}</td>
          <td>{{ plan.period_start|date:"j M Y" }} to {{ plan.period_end|date:"j M Y" }}</td>
          <td>{{ plan.commissioner }}</td>
          <td>{{ plan.visible_versions }}</td>
        </tr>
      {% endfor %}"""


@pytest.fixture
def plans(area, other_area):
    escaped = PlanFactory(force_area=area, title="Safer <streets> & roads", commissioner='"Quoted" Commissioner')
    PlanVersionFactory(plan=escaped, number=1)  # a draft: only OPCC staff and administrators count it
    PlanVersionFactory(plan=escaped, number=2, shared=True)
    PlanFactory(force_area=area, period_start=datetime.date(2021, 5, 13), period_end=datetime.date(2025, 3, 31))
    PlanVersionFactory(plan=PlanFactory(force_area=other_area, title="Another area's plan"), shared=True)


def _model_rows(user) -> str:
    return engines["django"].from_string(MODEL_ROWS).render({"plans": plan_list_for(user)})


@pytest.mark.parametrize(
    "user_fixture", ["staff_user", "panel_member_user", "secretariat_user", "admin_user", "other_area_staff"]
)
def test_each_plan_is_written_as_the_model_rows_wrote_it(client, plans, user_fixture, request):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    page = client.get(reverse("plans:plan_list")).text
    rows = _model_rows(user)
    assert rows in page
    if user_fixture in ("staff_user", "admin_user"):
        assert "Safer &lt;streets&gt; &amp; roads" in rows and "&quot;Quoted&quot; Commissioner" in rows
        assert "13 May 2021 to 31 Mar 2025" in rows
    if user_fixture != "admin_user":
        assert ("Another area&#x27;s plan" in rows) is (user_fixture == "other_area_staff")
