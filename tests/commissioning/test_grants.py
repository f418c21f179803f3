import datetime

import pytest
from django.core.exceptions import ValidationError

from commissioning.models import Grant, MonitoringReturn
from commissioning.services import grant_create, return_accept, variation_record
from tests.commissioning.factories import ApplicationFactory, FundingStreamFactory, GrantFactory
from tests.partners.factories import OrganisationFactory


@pytest.fixture
def stream(area):
    return FundingStreamFactory(force_area=area)


def make_grant(user, stream, **changes):
    kwargs = {
        "user": user,
        "stream": stream,
        "recipient": OrganisationFactory(areas=[stream.force_area]),
        "reference": "TF-2013-01",
        "title": "Transition funding",
        "purpose": "Six months at the previous level.",
        "amount_pence": 100_000_01,
        "award_date": datetime.date(2013, 3, 28),
        "start_date": datetime.date(2013, 4, 1),
        "end_date": datetime.date(2013, 9, 30),
        "instalments": 3,
    }
    kwargs.update(changes)
    return grant_create(**kwargs)


def test_six_month_grant_gets_instalments_that_add_up_and_two_quarterly_returns(staff_user, stream):
    grant = make_grant(staff_user, stream)
    amounts = list(grant.instalments.values_list("amount_pence", flat=True))
    assert sum(amounts) == 100_000_01 and len(amounts) == 3
    returns = list(grant.returns.order_by("due_date"))
    assert [(r.period_start, r.period_end, r.due_date) for r in returns] == [
        (datetime.date(2013, 4, 1), datetime.date(2013, 6, 30), datetime.date(2013, 7, 30)),
        (datetime.date(2013, 7, 1), datetime.date(2013, 9, 30), datetime.date(2013, 10, 30)),
    ]


def test_grant_with_end_before_start_is_refused_and_nothing_saved(staff_user, stream):
    with pytest.raises(ValidationError):
        make_grant(staff_user, stream, end_date=datetime.date(2013, 1, 1))
    assert not Grant.objects.exists()
    assert not MonitoringReturn.objects.exists()


def test_only_an_awarded_application_becomes_a_grant(staff_user, stream):
    application = ApplicationFactory(round__stream=stream, submitted=True)
    with pytest.raises(ValidationError, match="awarded"):
        make_grant(staff_user, stream, application=application, recipient=application.organisation)


def test_variation_changes_amount_and_end_and_keeps_a_record(client, staff_user, stream):
    grant = make_grant(staff_user, stream)
    client.force_login(staff_user)
    client.post(
        f"/commissioning/grants/{grant.pk}/variations/",
        {"description": "Extended to March", "amount_change": "-1,000.00", "new_end_date": "2014-03-31"},
    )
    grant.refresh_from_db()
    assert grant.amount_pence == 99_000_01
    assert grant.end_date == datetime.date(2014, 3, 31)
    assert grant.variations.get().amount_change_pence == -1_000_00


def test_variation_that_would_make_the_grant_negative_is_refused(staff_user, stream):
    grant = GrantFactory(stream=stream, amount_pence=100)
    with pytest.raises(ValidationError):
        variation_record(user=staff_user, grant=grant, description="Cut", amount_change_pence=-100)
    grant.refresh_from_db()
    assert grant.amount_pence == 100 and not grant.variations.exists()


def test_staff_record_payment_and_accept_returns(client, staff_user, stream):
    grant = make_grant(staff_user, stream)
    instalment = grant.instalments.first()
    client.force_login(staff_user)
    client.post(f"/commissioning/grants/{grant.pk}/instalments/{instalment.pk}/paid/")
    instalment.refresh_from_db()
    assert instalment.paid_on is not None
    item = grant.returns.first()
    MonitoringReturn.objects.filter(pk=item.pk).update(status="submitted", outputs="x", outcomes="y")
    return_accept(user=staff_user, monitoring_return=item)
    item.refresh_from_db()
    assert item.status == "accepted"


def test_staff_create_a_grant_from_the_form(client, staff_user, stream):
    recipient = OrganisationFactory(areas=[stream.force_area], name="Safer Rutland Partnership")
    client.force_login(staff_user)
    response = client.post(
        f"/commissioning/streams/{stream.pk}/grants/new/",
        {
            "recipient": recipient.pk,
            "reference": "TF-2013-07",
            "title": "Transition funding for Rutland",
            "purpose": "Six months' funding.",
            "amount": "12,150.00",
            "award_date": "2013-03-28",
            "start_date": "2013-04-01",
            "end_date": "2013-09-30",
            "instalments": "2",
            "return_frequency_months": "3",
        },
        follow=True,
    )
    grant = Grant.objects.get(reference="TF-2013-07")
    assert grant.amount_pence == 12_150_00
    assert "Transition funding for Rutland" in response.text
    assert grant.returns.count() == 2


def test_grant_completes_only_when_every_return_is_in(client, staff_user, stream):
    from commissioning.services import grant_complete

    grant = make_grant(staff_user, stream)
    client.force_login(staff_user)
    response = client.post(f"/commissioning/grants/{grant.pk}/status/", {"action": "complete"}, follow=True)
    assert "Every monitoring return must be in" in response.text
    grant.refresh_from_db()
    assert grant.status == Grant.Status.ACTIVE
    grant.returns.update(status=MonitoringReturn.Status.ACCEPTED)
    grant_complete(user=staff_user, grant=grant)
    grant.refresh_from_db()
    assert grant.status == Grant.Status.COMPLETED


def test_terminated_grant_leaves_the_spend_totals_and_says_why(client, staff_user, stream):
    grant = make_grant(staff_user, stream)
    client.force_login(staff_user)
    client.post(f"/commissioning/grants/{grant.pk}/status/", {"action": "terminate", "reason": "Breach of conditions"})
    grant.refresh_from_db()
    assert grant.status == Grant.Status.TERMINATED
    assert grant.variations.get().description == "Terminated: Breach of conditions"
    assert "Grants awarded (not terminated): <strong>£0.00</strong>" in client.get("/commissioning/").text
