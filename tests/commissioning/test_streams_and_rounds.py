import datetime

import pytest

from commissioning.models import FundingStream, Round
from tests.commissioning.factories import ApplicationFactory, AssignmentFactory, FundingStreamFactory, GrantFactory
from tests.partners.factories import OrganisationFactory
from tests.plans.factories import PriorityFactory

pytestmark = pytest.mark.django_db


def test_staff_add_a_stream_with_a_budget_in_pounds(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        "/commissioning/streams/new/",
        {
            "force_area": area.pk,
            "name": "Community Safety Fund",
            "financial_year": "2013",
            "budget": "£1,250,000.50",
            "description": "",
        },
        follow=True,
    )
    stream = FundingStream.objects.get()
    assert stream.budget_pence == 1_250_000_50
    assert stream.force_area == area
    assert "Community Safety Fund 2013/14" in response.text


def test_stream_budget_with_too_many_decimals_is_refused(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        "/commissioning/streams/new/",
        {"force_area": area.pk, "name": "X", "financial_year": "2013", "budget": "10.005"},
    )
    assert "at most two decimal places" in response.text
    assert not FundingStream.objects.exists()


def test_staff_cannot_add_a_stream_for_another_area(client, staff_user, other_area):
    client.force_login(staff_user)
    response = client.post(
        "/commissioning/streams/new/",
        {"force_area": other_area.pk, "name": "X", "financial_year": "2013", "budget": "10"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not FundingStream.objects.exists()


def test_administrator_chooses_the_area_of_a_new_stream(client, admin_user, area, other_area):
    client.force_login(admin_user)
    page = client.get("/commissioning/streams/new/")
    assert page.status_code == 200
    assert "West Midlands" in page.text and "Leicestershire" in page.text
    client.post(
        "/commissioning/streams/new/",
        {"force_area": other_area.pk, "name": "Victims' services", "financial_year": "2026", "budget": "1000"},
    )
    assert FundingStream.objects.get().force_area == other_area


def test_staff_open_a_round_with_priorities_questions_and_criteria(client, staff_user, area):
    stream = FundingStreamFactory(force_area=area)
    priority = PriorityFactory(version__plan__force_area=area, title="Divert young people from crime")
    client.force_login(staff_user)
    response = client.get(f"/commissioning/streams/{stream.pk}/rounds/new/")
    assert "Divert young people from crime" in response.text
    client.post(
        f"/commissioning/streams/{stream.pk}/rounds/new/",
        {
            "title": "CSF 2013/14 round",
            "opens_at": "2013-05-01T09:00",
            "closes_at": "2013-06-28T17:00",
            "eligibility": "CSPs and the voluntary sector.",
            "priorities": [priority.pk],
            "questions": "Who else is involved?\nHow will you sustain it?",
            "criteria": "Fit with the plan\nValue for money",
        },
    )
    round_ = Round.objects.get()
    assert round_.closes_at.isoformat() == "2013-06-28T16:00:00+00:00"  # 17:00 British Summer Time
    assert [q.text for q in round_.questions.all()] == ["Who else is involved?", "How will you sustain it?"]
    assert round_.criteria.count() == 2
    assert list(round_.priorities.all()) == [priority]


def test_round_that_closes_before_it_opens_is_refused(client, staff_user, area):
    stream = FundingStreamFactory(force_area=area)
    client.force_login(staff_user)
    response = client.post(
        f"/commissioning/streams/{stream.pk}/rounds/new/",
        {
            "title": "Backwards",
            "opens_at": "2013-06-01T09:00",
            "closes_at": "2013-05-01T09:00",
            "eligibility": "x",
            "criteria": "A",
        },
    )
    assert "must close after it opens" in response.text
    assert not Round.objects.exists()


def test_assessor_dashboard_lists_applications_to_assess(client):
    assignment = AssignmentFactory()
    client.force_login(assignment.assessor)
    response = client.get("/dashboard/")
    assert "Applications to assess" in response.text
    assert assignment.application.title in response.text


def test_partner_sees_own_applications_on_the_overview_only(client, area):
    from tests.commissioning.factories import partner_of

    mine = ApplicationFactory(round__stream__force_area=area, title="Our befriending project")
    theirs = ApplicationFactory(round=mine.round, title="Their rural crime project")
    client.force_login(partner_of(mine.organisation))
    response = client.get("/commissioning/")
    assert "Our befriending project" in response.text
    assert "Their rural crime project" not in response.text
    assert theirs.pk


def test_stream_page_lists_each_grant_with_its_recipient_amount_and_period(client, staff_user, area):
    stream = FundingStreamFactory(force_area=area)
    grant = GrantFactory(
        stream=stream,
        title="Night <safe> & sound",
        recipient=OrganisationFactory(name="Melton Borough Council", areas=[area]),
        amount_pence=12_500_50,
        start_date=datetime.date(2013, 4, 1),
        end_date=datetime.date(2014, 3, 31),
    )
    client.force_login(staff_user)
    response = client.get(f"/commissioning/streams/{stream.pk}/")
    assert (
        f'<tr><td>{grant.reference}</td><td><a href="/commissioning/grants/{grant.pk}/">Night &lt;safe&gt; &amp; sound'
        "</a></td><td>Melton Borough Council</td>"
        '<td class="money">£12,500.50</td><td>1 Apr 2013 to 31 Mar 2014</td></tr>'
    ) in response.text
