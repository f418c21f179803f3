import io
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from partners.models import Bulletin, BulletinDelivery
from partners.services import InvalidTransition, bulletin_publish, bulletin_schedule, bulletin_unschedule
from partners.tasks import send_bulletin
from tests.partners.factories import (
    BulletinArticleFactory,
    BulletinEventFactory,
    BulletinFactory,
    ConsentingContactFactory,
    ContactFactory,
    OrganisationFactory,
)
from tests.partners.pdf_text import pdf_text as _pdf_text
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db

GUESTS = [
    (
        "Avon and Somerset Police Authority transition work with partners",
        "John R Smith",
        "Avon and Somerset Police Authority",
    ),
    (
        "Dudley Metropolitan Council Police and Crime Panel work",
        "John Polychronakis",
        "Dudley Metropolitan Borough Council",
    ),
    (
        "APACE Guide to Commissioning – An introduction to becoming a commissioning organisation",
        "Dorothy Gregson",
        "Cambridgeshire Police Authority",
    ),
]
CONFERENCES = [
    ("Integrated Offender Management conference", "3 to 4 July 2012"),
    ("ACPO 'Leading Change in Policing' conference", "22 to 24 May 2012"),
]
CONTACT_ADDRESS = "PCCPartnersEnquiries@homeoffice.gsi.gov.uk"


def _bulletin_8() -> Bulletin:
    return Bulletin.objects.get(publisher__name="Home Office", number=8)


def test_demo_bulletin_8_page_shows_guest_articles_conferences_and_contact(client, demo):
    bulletin = _bulletin_8()
    response = client.get(bulletin.get_absolute_url())  # public: no sign-in
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "PCC Bulletin No 8 – 9th May 2012" in html
    for title, author, organisation in GUESTS:
        assert title in html.replace("&#x27;", "'")
        assert f"<strong>{author}</strong>, Chief Executive, {organisation}" in html
    for title, dates in CONFERENCES:
        assert title in html.replace("&#x27;", "'")
        assert dates in html
    assert "National Policing Improvement Agency, Leamington Road, Ryton-on-Dunsmore" in html
    assert f'href="mailto:{CONTACT_ADDRESS}"' in html


def test_demo_bulletin_8_pdf_contains_articles_authors_conferences_and_contact(client, demo):
    bulletin = _bulletin_8()
    response = get_pdf(client, reverse("partners:bulletin_pdf", kwargs={"pk": bulletin.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    text = _pdf_text(data)
    assert "PCC BULLETIN" in text
    assert "No 8 – 9th May 2012" in text
    for title, author, organisation in GUESTS:
        assert title.split(" – ")[0] in text
        assert f"{author}, Chief Executive, {organisation}" in text
    for title, dates in CONFERENCES:
        assert title in text
        assert dates in text
    assert CONTACT_ADDRESS in text
    assert PdfReader(io.BytesIO(data)).metadata.title == "PCC Bulletin No 8 – 9th May 2012"


def test_archive_lists_published_bulletins_only(client, area):
    published = BulletinFactory(published=True, audience=[area])
    draft = BulletinFactory(audience=[area], series_title="Secret draft")
    response = client.get(reverse("partners:bulletin_archive"))
    assert published.title in response.content.decode()
    assert "Secret draft" not in response.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert get_pdf(client, reverse("partners:bulletin_pdf", kwargs={"pk": draft.pk})).status_code == 404


def test_staff_of_the_area_see_and_publish_their_draft(client, staff_user, area):
    bulletin = BulletinFactory(force_area=area, audience=[area])
    client.force_login(staff_user)
    assert client.get(bulletin.get_absolute_url()).status_code == 200
    response = client.post(reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk}), {"confirmed": "1"})
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.PUBLISHED


def test_staff_of_another_area_cannot_see_or_publish_a_draft(client, other_area_staff, area):
    bulletin = BulletinFactory(force_area=area, audience=[area])
    client.force_login(other_area_staff)
    assert client.get(bulletin.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk}), {"confirmed": "1"}).status_code
        == 404
    )
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT


def test_partner_user_cannot_publish(client, partner_user, area):
    bulletin = BulletinFactory(force_area=area, audience=[area])
    client.force_login(partner_user)
    assert (
        client.post(reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk}), {"confirmed": "1"}).status_code
        == 404
    )


def _audience(area, *, consenting: int = 3):
    org = OrganisationFactory(areas=[area])
    consenting_contacts = ConsentingContactFactory.create_batch(consenting, organisation=org)
    ContactFactory(organisation=org)  # no consent
    ConsentingContactFactory(organisation=org, email="")  # no address
    ConsentingContactFactory(organisation=org, is_active=False)  # left
    return consenting_contacts


def _emails_per_address() -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in mail.outbox:
        for address in message.to:
            counts[address] = counts.get(address, 0) + 1
    return counts


def test_publishing_twice_and_rerunning_the_task_emails_each_consenting_contact_once(
    area, other_area, django_capture_on_commit_callbacks
):
    recipients = _audience(area)
    ConsentingContactFactory(organisation=OrganisationFactory(areas=[other_area]))  # outside the audience
    bulletin = BulletinFactory(force_area=area, audience=[area])
    with django_capture_on_commit_callbacks(execute=True):
        bulletin_publish(bulletin=bulletin)
    with pytest.raises(InvalidTransition), django_capture_on_commit_callbacks(execute=True):
        bulletin_publish(bulletin=bulletin)
    send_bulletin.delay(bulletin.pk)
    send_bulletin.delay(bulletin.pk)
    assert _emails_per_address() == {c.email: 1 for c in recipients}
    assert mail.outbox[0].subject == bulletin.title
    assert BulletinDelivery.objects.filter(bulletin=bulletin, status=BulletinDelivery.Status.SENT).count() == 3


def test_a_contact_who_consents_later_gets_the_bulletin_on_a_rerun_and_no_one_else_twice(
    area, django_capture_on_commit_callbacks
):
    recipients = _audience(area, consenting=2)
    bulletin = BulletinFactory(force_area=area, audience=[area])
    with django_capture_on_commit_callbacks(execute=True):
        bulletin_publish(bulletin=bulletin)
    late = ConsentingContactFactory(organisation=recipients[0].organisation)
    send_bulletin.delay(bulletin.pk)
    assert _emails_per_address() == {c.email: 1 for c in [*recipients, late]}


def test_publishing_through_the_page_twice_sends_once(client, staff_user, area, django_capture_on_commit_callbacks):
    recipients = _audience(area, consenting=2)
    bulletin = BulletinFactory(force_area=area, audience=[area])
    client.force_login(staff_user)
    url = reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirmed": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirmed": "1"}, follow=True)
    assert "cannot become published" in response.content.decode()
    assert _emails_per_address() == {c.email: 1 for c in recipients}


def test_a_draft_is_not_sent_by_the_task(area):
    _audience(area)
    bulletin = BulletinFactory(force_area=area, audience=[area])
    assert send_bulletin.delay(bulletin.pk).get() == 0
    assert mail.outbox == []


def test_a_bulletin_without_an_audience_cannot_be_published(area):
    bulletin = BulletinFactory(force_area=area)
    with pytest.raises(ValidationError, match="audience"):
        bulletin_publish(bulletin=bulletin)
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT


def test_schedule_and_return_to_draft(area):
    from datetime import timedelta

    from django.utils import timezone

    bulletin = BulletinFactory(force_area=area, audience=[area])
    with pytest.raises(ValidationError):
        bulletin_schedule(bulletin=bulletin, when=timezone.now() - timedelta(hours=1))
    bulletin = bulletin_schedule(bulletin=bulletin, when=timezone.now() + timedelta(days=1))
    assert bulletin.status == Bulletin.Status.SCHEDULED
    bulletin = bulletin_unschedule(bulletin=bulletin)
    assert bulletin.status == Bulletin.Status.DRAFT
    assert bulletin.scheduled_for is None
    assert bulletin.history.count() >= 3


def test_scheduled_bulletins_are_published_when_due(area, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from partners.services import bulletins_publish_due

    recipients = _audience(area, consenting=1)
    due = BulletinFactory(scheduled=True, force_area=area, audience=[area])
    later = BulletinFactory(scheduled=True, force_area=area, audience=[area])
    with django_capture_on_commit_callbacks(execute=True):
        assert bulletins_publish_due(now=due.scheduled_for + timedelta(minutes=1)) == 2
    later.refresh_from_db()
    assert later.status == Bulletin.Status.PUBLISHED
    assert len(mail.outbox) == 2 * len(recipients)
    with django_capture_on_commit_callbacks(execute=True):
        assert bulletins_publish_due(now=timezone.now() + timedelta(days=30)) == 0


def test_article_markdown_is_sanitised(client, area):
    bulletin = BulletinFactory(published=True, audience=[area])
    BulletinArticleFactory(bulletin=bulletin, body="<script>alert(1)</script>[x](javascript:alert(1)) **bold**")
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html
    assert "<strong>bold</strong>" in html


def test_event_that_ends_before_it_starts_is_refused(area):
    from datetime import date

    event = BulletinEventFactory.build(
        bulletin=BulletinFactory(audience=[area]), starts_on=date(2012, 7, 4), ends_on=date(2012, 7, 3)
    )
    with pytest.raises(ValidationError, match="end before"):
        event.full_clean()


def test_numbers_are_unique_per_publisher_not_overall(area):
    from django.db import IntegrityError

    home_office = OrganisationFactory(name="Home Office test", areas=[area])
    opcc = OrganisationFactory(name="OPCC test", areas=[area])
    BulletinFactory(publisher=home_office, number=8)
    BulletinFactory(publisher=opcc, number=8)
    with pytest.raises(IntegrityError), transaction.atomic():
        BulletinFactory(publisher=home_office, number=8)


@pytest.mark.worker
def test_real_worker_sends_each_consenting_contact_one_email_even_when_run_twice(celery_worker_thread, area):
    recipients = _audience(area)
    bulletin = BulletinFactory(force_area=area, audience=[area])
    bulletin_publish(bulletin=bulletin)  # autocommit: the task is queued on Redis at once
    with pytest.raises(InvalidTransition):
        bulletin_publish(bulletin=bulletin)
    first = send_bulletin.delay(bulletin.pk)
    second = send_bulletin.delay(bulletin.pk)
    assert first.get(timeout=60) + second.get(timeout=60) <= len(recipients)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if BulletinDelivery.objects.filter(bulletin=bulletin, status=BulletinDelivery.Status.SENT).count() == 3:
            break
        time.sleep(0.2)
    assert _emails_per_address() == {c.email: 1 for c in recipients}
    assert set(BulletinDelivery.objects.filter(bulletin=bulletin).values_list("status", flat=True)) == {"sent"}


def test_staff_write_a_draft_with_articles_and_events_then_it_is_frozen_once_published(
    client, staff_user, area, django_capture_on_commit_callbacks
):
    publisher = OrganisationFactory(name="OPCC for Test", areas=[area])
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:bulletin_create"),
        {
            "publisher": publisher.pk,
            "series_title": "Partnerships Bulletin",
            "number": 1,
            "issue_date": "2014-10-01",
            "audience": [area.pk],
            "introduction": "Welcome.",
        },
    )
    bulletin = Bulletin.objects.get(publisher=publisher, number=1)
    assert response.status_code == 302
    assert bulletin.force_area == area
    client.post(
        reverse("partners:bulletin_article_add", kwargs={"pk": bulletin.pk}),
        {"title": "Stakeholder Summit", "body": "End of October.", "author_name": "", "position": 1},
    )
    client.post(
        reverse("partners:bulletin_event_add", kwargs={"pk": bulletin.pk}),
        {"title": "Summit", "starts_on": "2014-10-30", "position": 1},
    )
    article = bulletin.articles.get()
    client.post(
        reverse("partners:bulletin_article_edit", kwargs={"pk": article.pk}),
        {"title": "Stakeholder Summit 2014", "body": "End of October.", "position": 1},
    )
    event = bulletin.events.get()
    client.post(reverse("partners:bulletin_event_delete", kwargs={"pk": event.pk}))
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert "Stakeholder Summit 2014" in page
    assert not bulletin.events.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:bulletin_publish", kwargs={"pk": bulletin.pk}), {"confirmed": "1"})
    edit = reverse("partners:bulletin_article_edit", kwargs={"pk": article.pk})
    assert client.get(edit).status_code == 404
    assert client.post(reverse("partners:bulletin_article_delete", kwargs={"pk": article.pk})).status_code == 404
    assert client.get(reverse("partners:bulletin_edit", kwargs={"pk": bulletin.pk})).status_code == 404


def test_other_area_staff_cannot_edit_a_drafts_articles(client, other_area_staff, area):
    article = BulletinArticleFactory(bulletin=BulletinFactory(force_area=area, audience=[area]))
    client.force_login(other_area_staff)
    assert client.get(reverse("partners:bulletin_article_edit", kwargs={"pk": article.pk})).status_code == 404
    assert client.post(reverse("partners:bulletin_article_delete", kwargs={"pk": article.pk})).status_code == 404


def test_the_email_carries_the_bulletin_in_text_and_html(demo, django_capture_on_commit_callbacks):
    from partners.models import Contact

    bulletin = _bulletin_8()
    Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.DRAFT)  # as if about to be published
    bulletin.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        bulletin_publish(bulletin=bulletin)
    consenting = Contact.objects.filter(bulletin_consent=True).exclude(email="")
    assert _emails_per_address() == {c.email: 1 for c in consenting}
    message = next(m for m in mail.outbox if m.to == ["john.polychronakis@dudley.demo.pcc-portal.org.uk"])
    assert message.subject == "PCC Bulletin No 8 – 9th May 2012"
    assert "Dear John Polychronakis" in message.body
    assert "John R Smith, Chief Executive, Avon and Somerset Police Authority" in message.body
    html = message.alternatives[0][0]
    assert "<h3>Integrated Offender Management conference</h3>" in html
    assert bulletin.get_absolute_url() in message.body


def test_a_failed_address_is_retried_on_the_next_run_and_withdrawn_consent_is_respected(area, monkeypatch):
    from partners import services

    retried, sent_once, withdrawn = _audience(area, consenting=3)
    bulletin = BulletinFactory(force_area=area, audience=[area], published=True)
    real = services._bulletin_message

    def refuse_two(bulletin, delivery):
        if delivery.contact_id in {retried.pk, withdrawn.pk}:
            raise ConnectionRefusedError("mail server refused")
        return real(bulletin, delivery)

    monkeypatch.setattr(services, "_bulletin_message", refuse_two)
    assert send_bulletin.delay(bulletin.pk).get() == 1
    assert BulletinDelivery.objects.get(contact=retried).status == BulletinDelivery.Status.FAILED
    monkeypatch.setattr(services, "_bulletin_message", real)
    withdrawn.bulletin_consent = False
    withdrawn.save()
    assert send_bulletin.delay(bulletin.pk).get() == 1
    assert _emails_per_address() == {retried.email: 1, sent_once.email: 1}
