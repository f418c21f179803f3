"""The export page: who may build a package, the background job, and the download link that expires."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from pcc_portal.archive.models import ArchiveJob
from tests.accounts.factories import UserFactory
from tests.partners.factories import ContactFactory, OrganisationFactory

EXPORT = reverse("archive:export")


@pytest.fixture
def area_records(area):
    org = OrganisationFactory(name="Leicester City Council", areas=[area])
    ContactFactory(organisation=org, email="jo.bloggs@leicester.example")
    return org


def build(client, django_capture_on_commit_callbacks, area, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EXPORT, {"area": area.code, **extra})
    assert response.status_code == 302
    return ArchiveJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def download(client, job):
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    link = page.context["download_url"]
    return link, client.get(link)


def test_opcc_staff_build_their_area_package_and_download_it(
    client, staff_user, area, other_area, area_records, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    page = client.get(EXPORT)
    assert page.status_code == 200
    assert [a.code for a in page.context["form"].fields["area"].queryset] == [area.code]

    job = build(client, django_capture_on_commit_callbacks, area)
    job.refresh_from_db()
    assert job.status == ArchiveJob.Status.DONE and job.progress == 100 and job.row_count > 0
    detail = client.get(job.get_absolute_url())
    assert b"The package is ready" in detail.content

    _link, response = download(client, job)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="leicestershire.zip"')
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert manifest["area"] == area.code and manifest["personal_data"] is False
    assert manifest["models"]["partners.organisation"]["count"] == 1
    assert b"jo.bloggs@leicester.example" not in everything


def test_the_foi_bundle_is_limited_to_its_range(
    client, staff_user, area, area_records, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    job = build(client, django_capture_on_commit_callbacks, area, since="2001-01-01", until="2001-12-31")
    _, response = download(client, job)
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["range"]["since"].startswith("2001-01-01")
    assert manifest["models"]["partners.contact"]["count"] == 0


def test_a_backwards_range_is_a_form_error_and_starts_nothing(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(EXPORT, {"area": area.code, "since": "2025-05-01", "until": "2025-01-01"})
    assert response.status_code == 200
    assert "must not come before" in response.content.decode()
    assert not ArchiveJob.objects.exists()


def test_another_areas_staff_cannot_export_this_area_or_see_its_jobs(
    client, staff_user, other_area_staff, area, area_records, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    job = build(client, django_capture_on_commit_callbacks, area)
    link, _ = download(client, job)

    client.force_login(other_area_staff)
    response = client.post(EXPORT, {"area": area.code})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(link).status_code == 404  # the link is the requesting user's alone
    assert ArchiveJob.objects.count() == 1


@pytest.mark.parametrize("role", ["panel_secretariat", "panel_member", "partner", "successor_officer"])
def test_other_roles_are_refused(client, area, role):
    user = UserFactory(role=role, areas=[area])
    client.force_login(user)
    assert client.get(EXPORT).status_code == 404
    assert client.post(EXPORT, {"area": area.code}).status_code == 404
    assert not ArchiveJob.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, area):
    response = client.get(EXPORT)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_administrator_may_export_any_area(client, admin_user, area, other_area, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    codes = {a.code for a in client.get(EXPORT).context["form"].fields["area"].queryset}
    assert {area.code, other_area.code} <= codes
    job = build(client, django_capture_on_commit_callbacks, other_area)
    assert job.area == other_area


def test_the_download_link_expires(client, staff_user, area, settings, django_capture_on_commit_callbacks):
    client.force_login(staff_user)
    job = build(client, django_capture_on_commit_callbacks, area)
    link, response = download(client, job)
    assert response.status_code == 200
    settings.ARCHIVE_LINK_MAX_AGE = -1
    expired = client.get(link)
    assert expired.status_code == 410
    assert b"expired" in expired.content


def test_a_forged_link_is_refused(client, staff_user, area):
    client.force_login(staff_user)
    assert client.get(reverse("archive:job_download", kwargs={"token": "not-a-token"})).status_code == 404


@pytest.mark.parametrize("jobs", [1, 20])
def test_the_export_page_query_count_is_flat(client, staff_user, area, jobs, django_assert_max_num_queries):
    for _ in range(jobs):
        ArchiveJob.objects.create(area=area, requested_by=staff_user, status=ArchiveJob.Status.DONE)
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        response = client.get(EXPORT)
    assert response.status_code == 200
    assert len(response.context["jobs"]) == min(jobs, 10)
    job = ArchiveJob.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(job.get_absolute_url()).status_code == 200


def test_a_package_is_removed_from_the_server_after_its_keeping_time(
    client, staff_user, area, area_records, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from pcc_portal.archive.jobs import archive_packages_purge

    settings.ARCHIVE_KEEP_HOURS = 24
    client.force_login(staff_user)
    job = build(client, django_capture_on_commit_callbacks, area)
    job.refresh_from_db()
    path = job.file_path
    assert default_storage.exists(path)

    assert archive_packages_purge(now=timezone.now() + timedelta(hours=23)) == 0
    assert default_storage.exists(path)
    assert archive_packages_purge(now=timezone.now() + timedelta(hours=25)) == 1
    assert not default_storage.exists(path)
    assert archive_packages_purge(now=timezone.now() + timedelta(hours=25)) == 0  # nothing more to do

    page = client.get(job.get_absolute_url())
    assert "download_url" not in page.context
    assert b"was removed from the server 24 hours after it was built" in page.content
