import gc
import io
import threading
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from pcc_portal.accounts.documents import area_directory
from pcc_portal.pdf import services
from pcc_portal.pdf.fetcher import RefusedURL, StaticOnlyURLFetcher
from pcc_portal.pdf.models import PdfJob
from tests.accounts.factories import UserFactory
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_directory_pdf_has_title_content_and_page_numbers(client, staff_user, area):
    client.force_login(staff_user)
    response = get_pdf(client, reverse("core:area_directory_pdf", kwargs={"code": area.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(data))
    text = _text(data)
    assert "Portal directory: Leicestershire" in text
    assert staff_user.full_name in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert reader.metadata.title == "Portal directory: Leicestershire"


def test_long_document_numbers_every_page_and_repeats_header(area):
    UserFactory.create_batch(60, opcc_staff=True, areas=[area])
    stored = services.pdf_from_source(area_directory(area_id=area.pk))
    data = stored.read()
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages >= 3
    last = reader.pages[-1].extract_text()
    assert f"Page {pages} of {pages}" in last
    assert "Portal directory: Leicestershire" in reader.pages[1].extract_text()


def test_pdf_is_tagged_with_language_for_accessibility(area):
    data = services.pdf_from_source(area_directory(area_id=area.pk)).read()
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).lower().startswith("en")
    assert "/StructTreeRoot" in catalog


def test_unchanged_document_is_not_rendered_twice(area, monkeypatch):
    calls = []
    real = services.html_to_pdf

    def counting(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(services, "html_to_pdf", counting)
    first = services.pdf_from_source(area_directory(area_id=area.pk))
    second = services.pdf_from_source(area_directory(area_id=area.pk))
    assert first.content_hash == second.content_hash
    assert len(calls) == 1
    UserFactory(opcc_staff=True, areas=[area], full_name="Newly Added")
    third = services.pdf_from_source(area_directory(area_id=area.pk))
    assert third.content_hash != first.content_hash
    assert len(calls) == 2


def test_fetcher_refuses_private_files_and_the_network():
    fetcher = StaticOnlyURLFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(RefusedURL):
        fetcher.fetch("http://example.org/logo.png")
    with pytest.raises(RefusedURL):
        fetcher.fetch("https://example.org/style.css")


def test_fetcher_refuses_escape_from_static_by_dot_dot():
    from django.conf import settings

    static_dir = Path(settings.STATICFILES_DIRS[0])
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(static_dir.as_uri() + "/../pyproject.toml")


def test_fetcher_reads_project_static_files():
    from pcc_portal.pdf.fetcher import static_file_url

    response = StaticOnlyURLFetcher().fetch(static_file_url("pdf/print.css"))
    assert b"@page" in response.read()


def test_document_with_private_file_reference_does_not_include_it():
    html = (
        "<html lang='en-GB'><head><title>T</title>"
        "<link rel='stylesheet' href='file:///etc/passwd'></head>"
        "<body><p>Visible</p><img src='file:///etc/passwd' alt='x'>"
        "<img src='http://127.0.0.1:9/x.png' alt='y'></body></html>"
    )
    text = _text(services.html_to_pdf(html))
    assert "Visible" in text
    assert "root:" not in text


def test_background_job_renders_and_offers_download(client, staff_user, area, django_capture_on_commit_callbacks):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:area_directory_pdf_job", kwargs={"code": area.code}))
    assert response.status_code == 302
    job = PdfJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == PdfJob.Status.DONE
    page = client.get(job.get_absolute_url())
    assert "Your document is ready" in page.text
    download = client.get(reverse("pdf:job_download", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    assert "Portal directory" in _text(b"".join(download.streaming_content))


def test_job_in_progress_page_polls_with_htmx(client, staff_user, area):
    job = PdfJob.objects.create(
        document="accounts.area_directory", params={"area_id": area.pk}, title="Directory", requested_by=staff_user
    )
    client.force_login(staff_user)
    response = client.get(job.get_absolute_url())
    assert 'hx-trigger="every 1s"' in response.text
    assert "0%" in response.text


def test_job_task_is_idempotent(staff_user, area):
    from pcc_portal.pdf.tasks import render_pdf_job

    job = PdfJob.objects.create(
        document="accounts.area_directory", params={"area_id": area.pk}, title="Directory", requested_by=staff_user
    )
    assert render_pdf_job(str(job.pk)) == "done"
    job.refresh_from_db()
    finished = job.finished_at
    assert render_pdf_job(str(job.pk)) == "done"
    job.refresh_from_db()
    assert job.finished_at == finished


def test_another_users_job_is_not_found(client, staff_user, area):
    job = PdfJob.objects.create(
        document="accounts.area_directory", params={"area_id": area.pk}, title="Directory", requested_by=staff_user
    )
    other = UserFactory(opcc_staff=True, areas=[area])
    client.force_login(other)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("pdf:job_download", kwargs={"pk": job.pk})).status_code == 404


def test_partner_cannot_start_directory_job(client, partner_user, area):
    client.force_login(partner_user)
    response = client.post(reverse("core:area_directory_pdf_job", kwargs={"code": area.code}))
    assert response.status_code == 404
    assert not PdfJob.objects.exists()


def test_a_document_not_in_the_cache_goes_through_the_progress_page(client, staff_user, area):
    client.force_login(staff_user)
    url = reverse("core:area_directory_pdf", kwargs={"code": area.code})
    cold = client.get(url)
    assert cold.status_code == 302
    job = PdfJob.objects.get()
    assert cold["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url())
    assert "Waiting for a worker" in page.text
    assert "Check again" in page.text  # without JavaScript the page does not refresh itself
    # Asking again while it waits does not queue the document twice.
    assert client.get(url)["Location"] == job.get_absolute_url()
    assert PdfJob.objects.count() == 1

    services.pdf_job_run(job_id=str(job.pk))
    assert "Your document is ready" in client.get(job.get_absolute_url()).text
    download = client.get(reverse("pdf:job_download", kwargs={"pk": job.pk}))
    assert "Portal directory: Leicestershire" in _text(b"".join(download.streaming_content))
    warm = client.get(url)
    assert warm["Content-Type"] == "application/pdf"
    assert "Portal directory: Leicestershire" in _text(b"".join(warm.streaming_content))


def test_a_visitor_follows_a_public_documents_progress_page(client, django_capture_on_commit_callbacks):
    from tests.partners.factories import BulletinFactory

    bulletin = BulletinFactory(published=True)
    url = reverse("partners:bulletin_pdf", kwargs={"pk": bulletin.pk})
    with django_capture_on_commit_callbacks(execute=True):
        cold = client.get(url)
    job = PdfJob.objects.get()
    assert cold["Location"] == job.get_absolute_url()
    assert job.requested_by is None
    assert "Your document is ready" in client.get(job.get_absolute_url()).text
    assert client.get(reverse("pdf:job_download", kwargs={"pk": job.pk}))["Content-Type"] == "application/pdf"
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_a_visitors_job_for_a_document_that_is_no_longer_public_is_not_downloaded(client, staff_user, area):
    job = PdfJob.objects.create(
        document="accounts.area_directory", params={"area_id": area.pk}, title="Directory", requested_by=None
    )
    services.pdf_job_run(job_id=str(job.pk))
    assert client.get(reverse("pdf:job_download", kwargs={"pk": job.pk})).status_code == 404


def test_a_worker_process_warms_the_pdf_service_as_it_starts(monkeypatch):
    from celery.signals import worker_process_init

    rendered = []
    monkeypatch.setattr(services, "html_to_pdf", lambda html: rendered.append(html) or b"%PDF")
    worker_process_init.send(sender=None)
    assert len(rendered) == 1
    assert "<title>Warm-up</title>" in rendered[0]


def test_a_failed_warm_up_does_not_stop_the_worker(monkeypatch, caplog):
    from celery.signals import worker_process_init

    def broken(html):
        raise OSError("no fonts")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    worker_process_init.send(sender=None)
    assert "Could not warm up the PDF service" in caplog.text


def test_the_cycle_collector_is_paused_while_a_document_is_laid_out_and_runs_again_after(monkeypatch):
    seen = []
    fetch = StaticOnlyURLFetcher.fetch

    def watching(self, url, headers=None):  # the print stylesheet is fetched during the layout
        seen.append(gc.isenabled())
        return fetch(self, url, headers)

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", watching)
    assert gc.isenabled()
    pdf = services.html_to_pdf(services.render_html(template_name="pdf/base.html", context={"title": "Paused"}))
    assert seen and not any(seen)
    assert gc.isenabled() and pdf.startswith(b"%PDF")


def test_a_failed_render_leaves_the_cycle_collector_running():
    def progress(percent, message):
        if percent == 80:  # between laying out and writing, while the collector is paused
            assert not gc.isenabled()
            raise RuntimeError("the job was cancelled")

    html = services.render_html(template_name="pdf/base.html", context={"title": "Cancelled"})
    with pytest.raises(RuntimeError, match="cancelled"):
        services.html_to_pdf(html, progress=progress)
    assert gc.isenabled()


def test_very_long_html_is_laid_out_with_the_collector_running(monkeypatch):
    seen = []
    fetch = StaticOnlyURLFetcher.fetch
    monkeypatch.setattr(services, "COLLECTOR_PAUSE_MAX_HTML", 100)
    monkeypatch.setattr(
        StaticOnlyURLFetcher,
        "fetch",
        lambda self, url, headers=None: seen.append(gc.isenabled()) or fetch(self, url, headers),
    )
    services.html_to_pdf(services.render_html(template_name="pdf/base.html", context={"title": "Long"}))
    assert seen and all(seen)


def test_renders_in_two_threads_share_one_pause_and_a_collector_disabled_before_stays_disabled():
    first_in, release = threading.Event(), threading.Event()

    def render_in_thread():
        with services.cycle_collector_paused():
            first_in.set()
            release.wait(5)

    thread = threading.Thread(target=render_in_thread)
    thread.start()
    first_in.wait(5)
    with services.cycle_collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other render is still going
    release.set()
    thread.join(5)
    assert gc.isenabled()

    gc.disable()
    try:
        with services.cycle_collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
