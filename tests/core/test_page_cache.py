"""The page cache: a page comes back from the cache until anything is written, and only to the same visitor."""

import datetime
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import escape

from partners.models import Organisation
from partners.tasks import publish_due_bulletins
from partners.views import bulletin_archive
from pcc_portal.core import pagecache
from pcc_portal.notifications.models import Notification
from pcc_portal.pdf.models import PdfJob
from tests.accounts.factories import UserFactory
from tests.html_forms import form_as_posted
from tests.partners.factories import BulletinFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(
        PAGE_CACHE=True,
        PAGE_CACHE_SECONDS=60,
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "page-cache"}},
    ):
        cache.clear()
        yield


def served_from(response) -> str | None:
    return response.headers.get("X-Page-Cache")


def visit(client, url: str):
    """Open a page twice, as a browser does (the first visit hands out the CSRF cookie); return the second."""
    client.get(url)
    return client.get(url)


@pytest.fixture
def organisation(area):
    return OrganisationFactory(name="Rutland Youth Trust", areas=[area])


@pytest.fixture
def list_url(area):
    return reverse("partners:organisation_list", kwargs={"code": area.code})


def test_page_seen_again_comes_from_the_cache_without_rendering(
    client, staff_user, organisation, list_url, django_assert_max_num_queries
):
    client.force_login(staff_user)
    first = visit(client, list_url)
    assert served_from(first) == "miss"
    with django_assert_max_num_queries(1):  # the session; the page is not rendered again
        again = client.get(list_url)
    assert served_from(again) == "hit"
    assert again.content == first.content
    assert "Rutland Youth Trust" in again.text


def rename_by_update(organisation):
    Organisation.objects.filter(pk=organisation.pk).update(name="Rutland Youth Trust (renamed)")


def rename_by_save(organisation):
    organisation.name = "Rutland Youth Trust (renamed)"
    organisation.save()


def add_by_bulk_create(organisation):
    (added,) = Organisation.objects.bulk_create(
        [
            Organisation(
                name="Rutland Youth Trust (renamed)",
                org_type=organisation.org_type,
                partnership_area=organisation.partnership_area,
            )
        ]
    )
    added.force_areas.set(organisation.force_areas.all())


def rename_by_raw_sql(organisation):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Organisation._meta.db_table} SET name = %s WHERE id = %s",  # noqa: S608 (our own table name)
            ["Rutland Youth Trust (renamed)", organisation.pk],
        )


@pytest.mark.parametrize("write", [rename_by_update, rename_by_save, add_by_bulk_create, rename_by_raw_sql])
def test_page_shows_a_write_at_once(client, staff_user, organisation, list_url, write):
    client.force_login(staff_user)
    visit(client, list_url)
    assert served_from(client.get(list_url)) == "hit"
    write(organisation)
    response = client.get(list_url)
    assert served_from(response) == "miss"
    assert escape("Rutland Youth Trust (renamed)") in response.text


def test_public_page_shows_a_bulletin_published_by_the_background_task(client, area):
    bulletin = BulletinFactory(
        scheduled=True, scheduled_for=timezone.now() - datetime.timedelta(minutes=1), audience=[area]
    )
    url = reverse("partners:bulletin_archive")
    link = reverse("partners:bulletin_detail", kwargs={"pk": bulletin.pk})
    assert link not in visit(client, url).text
    assert served_from(client.get(url)) == "hit"
    publish_due_bulletins.delay()  # the scheduled task, run in-process as the worker would
    assert link in client.get(url).text


def test_a_transaction_retires_pages_at_its_first_write_and_again_after_its_commit(
    django_capture_on_commit_callbacks,
):
    start = pagecache.current_generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():  # executed as at a commit
        Organisation.objects.create(name="First write")
        at_first_write = pagecache.current_generation()
        Organisation.objects.create(name="Second write")
        assert pagecache.current_generation() == at_first_write  # once per transaction, not per statement
    assert start < at_first_write < pagecache.current_generation()


def test_edit_through_the_form_shows_its_message_once_then_the_change(client, staff_user, organisation):
    detail_url = reverse("partners:organisation_detail", kwargs={"pk": organisation.pk})
    edit_url = reverse("partners:organisation_edit", kwargs={"pk": organisation.pk})
    client.force_login(staff_user)
    visit(client, detail_url)
    assert served_from(client.get(detail_url)) == "hit"
    data = form_as_posted(client.get(edit_url).text)
    data["name"] = ["Rutland Youth Trust (renamed)"]
    assert client.post(edit_url, data).status_code == 302
    with_message = client.get(detail_url)
    assert "Organisation details saved." in with_message.text
    assert escape("Rutland Youth Trust (renamed)") in with_message.text
    assert served_from(with_message) != "hit"
    again = client.get(detail_url)
    assert "Organisation details saved." not in again.text  # not served again from the cache
    assert escape("Rutland Youth Trust (renamed)") in again.text


def test_opening_a_notification_marks_it_read_on_the_list_seen_before(client, staff_user):
    notification = Notification.objects.create(
        recipient=staff_user, kind="plans.comment", key="test:1", title="A comment on your plan", url="/plans/"
    )
    list_url = reverse("notifications:list")
    client.force_login(staff_user)
    assert ">New</span>" in visit(client, list_url).text
    assert served_from(client.get(list_url)) == "hit"
    client.get(reverse("notifications:open", kwargs={"pk": notification.pk}))  # a GET that writes
    assert ">New</span>" not in client.get(list_url).text


def test_two_users_never_see_each_others_page(client, staff_user, area):
    other = UserFactory(opcc_staff=True, areas=[area], full_name="Priya Other-Person")
    url = reverse("core:dashboard")
    other_client = type(client)()
    other_client.force_login(other)
    client.force_login(staff_user)  # both signed in before any page is stored: nothing is written after
    visit(client, url)
    mine = client.get(url)
    assert served_from(mine) == "hit"
    assert escape(staff_user.full_name) in mine.text
    theirs = other_client.get(url)
    assert served_from(theirs) == "miss"
    assert escape(other.full_name) in theirs.text
    assert escape(staff_user.full_name) not in theirs.text


def test_signing_out_and_in_again_is_a_new_page(client, staff_user, list_url):
    client.force_login(staff_user)
    visit(client, list_url)
    client.logout()
    client.force_login(staff_user)  # a new session
    assert served_from(client.get(list_url)) == "miss"


def test_page_handing_out_a_new_csrf_cookie_is_not_stored(client, staff_user, list_url):
    client.force_login(staff_user)
    first = client.get(list_url)
    assert "csrftoken" in first.cookies
    assert served_from(client.get(list_url)) == "miss"


def archive_setting_a_cookie(request):
    response = bulletin_archive(request)
    response.set_cookie("seen_archive", "1")
    return response


urlpatterns = [path("archive-with-cookie/", archive_setting_a_cookie), path("", include("pcc_portal.urls"))]


@override_settings(ROOT_URLCONF=__name__)
def test_page_whose_view_sets_a_cookie_is_not_stored(client):
    visit(client, "/archive-with-cookie/")
    response = client.get("/archive-with-cookie/")
    assert served_from(response) == "miss"
    assert response.cookies["seen_archive"].value == "1"


def test_next_day_is_a_new_page(client, staff_user, list_url):
    client.force_login(staff_user)
    visit(client, list_url)
    tomorrow = pagecache.today_in_london() + datetime.timedelta(days=1)
    with mock.patch.object(pagecache, "today_in_london", return_value=tomorrow):
        assert served_from(client.get(list_url)) == "miss"


def test_htmx_status_panel_and_full_page_are_kept_apart(client, staff_user, area):
    job = PdfJob.objects.create(
        document="accounts.area_directory", params={"area_id": area.pk}, title="Directory", requested_by=staff_user
    )
    client.force_login(staff_user)
    full = visit(client, job.get_absolute_url())
    panel = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert served_from(panel) == "miss"
    assert "<html" in full.text
    assert "<html" not in panel.text
    assert "<html" not in client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").text
    assert "<html" in client.get(job.get_absolute_url()).text


def test_api_is_never_served_from_the_cache_so_its_rate_limit_counts_every_request(client, settings):
    settings.API_RATE_LIMITS = {"anonymous": (2, 60)}
    url = reverse("openapi:list_areas")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_generation_lost_from_the_cache_never_brings_back_an_older_page(client, staff_user, organisation, list_url):
    cache.delete(pagecache.GENERATION_KEY)  # a fresh start, as after a restart of the cache
    client.force_login(staff_user)
    visit(client, list_url)
    rename_by_update(organisation)
    cache.delete(pagecache.GENERATION_KEY)  # evicted: counting again from the start would revive the old page
    response = client.get(list_url)
    assert served_from(response) == "miss"
    assert escape("Rutland Youth Trust (renamed)") in response.text


def test_sessions_and_sign_in_attempts_do_not_retire_pages(client, staff_user, list_url):
    client.force_login(staff_user)
    visit(client, list_url)
    someone_else = SessionStore()
    someone_else["visited"] = True
    someone_else.save()
    client_elsewhere = type(client)()
    client_elsewhere.post(reverse("login"), {"username": staff_user.email, "password": "not their password"})
    assert served_from(client.get(list_url)) == "hit"


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "partners_organisation"."id" FROM "partners_organisation"', False),
        ('SAVEPOINT "s1_x1"', False),
        ('RELEASE SAVEPOINT "s1_x1"', False),
        ("SET TIME ZONE 'UTC'", False),
        ('  INSERT INTO "partners_organisation" ("name") VALUES (%s)', True),
        ('UPDATE "partners_organisation" SET "name" = %s', True),
        ('DELETE FROM "partners_organisation" WHERE id = %s', True),
        ("WITH gone AS (DELETE FROM partners_contact RETURNING id) SELECT count(*) FROM gone", True),
        ('TRUNCATE "django_session", "partners_organisation"', True),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', False),
        ('UPDATE "django_celery_beat_periodictask" SET "last_run_at" = %s', False),
        ('UPDATE "consultations_session" SET "title" = %s', True),
    ],
)
def test_statements_that_change_pages(sql, writes):
    assert pagecache.is_write(sql) is writes


def test_connection_that_creates_databases_may_write():
    """The connection Django opens to create a (test) database is not in django.db.connections."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server-level connection")
    start = pagecache.current_generation()
    with connection._nodb_cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE page_cache_probe (id integer)")
    assert pagecache.current_generation() > start


def test_a_web_process_starting_retires_the_pages_of_the_previous_code(client, staff_user, list_url):
    client.force_login(staff_user)
    visit(client, list_url)
    assert served_from(client.get(list_url)) == "hit"
    pagecache.retire_pages_of_earlier_code()  # what pcc_portal/wsgi.py does as gunicorn starts a worker
    assert served_from(client.get(list_url)) == "miss"
