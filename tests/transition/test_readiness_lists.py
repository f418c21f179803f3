"""The readiness page's overdue rows and day-one checklist: the lines the model's own methods write."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from transition import selectors
from transition.models import TransferItem

from .factories import TransferItemFactory

pytestmark = pytest.mark.django_db

# The page's loops as they were written with the models' methods and Django's filters.
MODEL_LINES = Template(
    "{% for item in overdue %}<li>Row due {{ item.due_on|date:'j F Y' }}: <a href=\"{{ item.get_absolute_url }}\">"
    "{{ item.title }}</a> ({{ item.status_label|lower }})</li>{% endfor %}"
    "{% for item in checklist %}\n  <li><span class=\"check-state\">{% if item.status == 'ready' %}Ready{% else %}"
    'Not ready{% endif %}:</span> <a href="{{ item.get_absolute_url }}">{{ item.title }}</a> — '
    "{{ item.receiver_label }}, {{ item.status_label|lower }}</li>\n  {% endfor %}"
)


@pytest.fixture
def rows(programme, partner_org):
    today = timezone.localdate()
    statuses = [TransferItem.Status.IDENTIFIED, TransferItem.Status.AGREED, TransferItem.Status.READY]
    for n in range(9):
        TransferItemFactory(
            programme=programme,
            title=f"Row <{n}> & co",
            status=statuses[n % 3],
            due_on=today - datetime.timedelta(days=n) if n % 2 else None,
            day_one_critical=n % 4 != 3,
            receiver_kind=["", TransferItem.Receiver.SUCCESSOR, TransferItem.Receiver.ORGANISATION][n % 3],
            receiver_organisation=partner_org if n % 3 == 2 else None,
        )
    return programme


@pytest.mark.parametrize("who", ["staff_user", "successor_user", "administrator"])
def test_overdue_rows_and_checklist_are_the_lines_the_models_write(client, rows, who, request):
    user = UserFactory(administrator=True) if who == "administrator" else request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(reverse("transition:readiness", kwargs={"pk": rows.pk})).content.decode()
    today = timezone.localdate()
    expected = MODEL_LINES.render(
        Context(
            {
                "overdue": selectors.overdue_items(rows, today=today),
                "checklist": selectors.day_one_checklist(rows),
            }
        )
    )
    overdue, checklist = expected.split("\n", 1)
    assert overdue.count("<li>") == 4 and overdue in page
    assert checklist.count("<li>") == 7 and checklist in page


def test_staff_of_another_area_see_no_readiness(client, rows, other_area_staff):
    client.force_login(other_area_staff)
    assert client.get(reverse("transition:readiness", kwargs={"pk": rows.pk})).status_code == 404
