"""Actions that cannot be undone ask first: GET (or the old one-click POST) shows what will happen; only the
confirmation page's own POST acts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Application
from panels.models import Meeting
from partners.models import Bulletin
from plans.models import PlanVersion
from tests.core.fuzz_world import World
from tests.partners import factories as partners
from tests.plans import factories as plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World()


def _bulletin_with_audience(world, consenting: int) -> Bulletin:
    for n in range(consenting):
        partners.ContactFactory(organisation=world.organisation, email=f"reader{n}@example.org", bulletin_consent=True)
    partners.BulletinArticleFactory(bulletin=world.bulletin, title="Meet the new Commissioner")
    return world.bulletin


def _refresh(obj):
    obj.refresh_from_db()
    return obj


def test_bulletin_publish_previews_the_email_and_counts_recipients(client, world, mailoutbox):
    bulletin = _bulletin_with_audience(world, consenting=3)
    client.force_login(world.staff)
    url = reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "This cannot be undone." in page.text
    assert "Publish and email 3 contacts" in page.text
    assert "Meet the new Commissioner" in page.text  # the email's own text, its title as written
    assert 'name="confirmed" value="1"' in page.text
    assert _refresh(bulletin).status == Bulletin.Status.DRAFT

    # The old one-click button posts without the confirmation: it only shows the page.
    assert "Publish and email 3 contacts" in client.post(url).text
    assert _refresh(bulletin).status == Bulletin.Status.DRAFT

    response = client.post(url, {"confirmed": "1"})
    assert response.status_code == 302
    assert _refresh(bulletin).status == Bulletin.Status.PUBLISHED


def test_agenda_publish_asks_first(client, world):
    meeting = world.agenda_item.meeting
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + datetime.timedelta(days=14))
    client.force_login(world.secretariat)
    url = reverse("panels:meeting_publish", kwargs={"pk": meeting.pk})
    page = client.get(url)
    assert "The agenda (1 item) and its open reports become public" in page.text
    client.post(url)
    assert _refresh(meeting).papers_published_on is None
    client.post(url, {"confirmed": "1"})
    assert Meeting.objects.get(pk=meeting.pk).papers_published_on is not None


def test_panel_member_cannot_open_the_agenda_confirmation(client, world):
    client.force_login(world.member)
    url = reverse("panels:meeting_publish", kwargs={"pk": world.meeting.pk})
    assert client.get(url).status_code == 404


def test_panel_feedback_publish_asks_first(client, world):
    report = world.recommendation.report
    client.force_login(world.secretariat)
    url = reverse("panels:panel_report_publish", kwargs={"pk": report.pk})
    assert "1 recommendation become public" in client.get(url).text
    client.post(url)
    assert not _refresh(report).is_published
    client.post(url, {"confirmed": "1"})
    assert _refresh(report).is_published


def test_application_submit_asks_first_and_save_and_submit_leads_there(client, world):
    application = world.application
    application.answers = {str(q.pk): "The county council." for q in world.round.questions.all()}
    application.save()
    application.priorities.add(plans.PriorityFactory(version=world.version))
    client.force_login(world.partner)
    url = reverse("commissioning:application_submit", kwargs={"pk": application.pk})
    page = client.get(url)
    assert "Once submitted it cannot be changed." in page.text
    client.post(url)
    assert _refresh(application).status == Application.Status.DRAFT
    client.post(url, {"confirmed": "1"})
    assert _refresh(application).status == Application.Status.SUBMITTED


def test_another_organisation_cannot_open_the_submit_confirmation(client, world):
    from tests.commissioning.factories import partner_of

    client.force_login(partner_of(partners.OrganisationFactory(areas=[world.area])))
    url = reverse("commissioning:application_submit", kwargs={"pk": world.application.pk})
    assert client.get(url).status_code == 404


def test_plan_issue_asks_first_and_says_who_receives_it(client, world):
    version = world.shared_version
    partners.OrganisationFactory(areas=[world.area], org_type="police_force", name="Leicestershire Police")
    client.force_login(world.staff)
    url = reverse("plans:version_issue", kwargs={"pk": version.pk})
    page = client.get(url)
    assert "Its distribution is recorded to 1 organisation" in page.text
    client.post(url)
    assert _refresh(version).status == PlanVersion.Status.SHARED
    client.post(url, {"confirmed": "1"})
    assert _refresh(version).status == PlanVersion.Status.ISSUED


def test_other_area_staff_cannot_open_the_issue_confirmation(client, world, other_area_staff):
    client.force_login(other_area_staff)
    assert client.get(reverse("plans:version_issue", kwargs={"pk": world.shared_version.pk})).status_code == 404
