"""The one PDF service: templates rendered to tagged, accessible PDF.

Every document shares the print stylesheet (A4, running header, "Page X of
Y" footer), is tagged as PDF/UA with its title and language, reads only the
project's static files, and is stored under the hash of its content so an
unchanged document is never rendered twice.
"""

import contextlib
import functools
import gc
import hashlib
import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.text.fonts import FontConfiguration

from .fetcher import StaticOnlyURLFetcher, allowed_roots, static_file_url
from .models import PdfJob
from .registry import DocumentSource, get_document

logger = logging.getLogger(__name__)

PRINT_STYLESHEET = "pdf/print.css"
PDF_VARIANT = "pdf/ua-1"

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class StoredPdf:
    content_hash: str
    path: str

    def open(self):
        return default_storage.open(self.path, "rb")

    def read(self) -> bytes:
        with self.open() as handle:
            return handle.read()


def render_html(*, template_name: str, context: dict) -> str:
    """Render a PDF template to HTML with the shared stylesheet linked."""
    full_context = {"print_stylesheet_url": static_file_url(PRINT_STYLESHEET), **context}
    return render_to_string(template_name, full_context)


@functools.cache
def font_config() -> FontConfiguration:
    """The process's one font configuration: loading the system's fonts costs more than a small document.

    WeasyPrint builds a new one for every render unless given one; the fonts
    do not change while the process runs (the stylesheet has no @font-face).
    """
    return FontConfiguration()


def warm_up() -> None:
    """Render a one-page document, so a worker's first real document does not pay for loading.

    A fresh process loads the system's fonts, WeasyPrint's own stylesheets and
    the print stylesheet on its first render. Called as each worker process starts.
    """
    html_to_pdf(render_html(template_name="pdf/base.html", context={"title": "Warm-up"}))


OL_TAG = re.compile(r"<ol\b(?P<attrs>[^>]*)>")
OL_TYPES = {"a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman", "1": "decimal"}
# Part of the cache key: a change to how HTML is prepared for WeasyPrint renders documents anew.
PREPARATION_REVISION = b"lists-2"


def _ol_with_style(match: re.Match) -> str:
    attrs = match["attrs"]
    if "style=" in attrs:
        return match[0]
    styles = []
    if start := re.search(r'\bstart="(-?\d+)"', attrs):
        styles.append(f"counter-reset: list-item {int(start[1]) - 1}")
    if (kind := re.search(r'\btype="([aAiI1])"', attrs)) is not None:
        styles.append(f"list-style-type: {OL_TYPES[kind[1]]}")
    return f'<ol{attrs} style="{"; ".join(styles)}">' if styles else match[0]


def prepare_for_weasyprint(html: str) -> str:
    """Number lists as the page does: WeasyPrint ignores <ol start> and <ol type>, so say it in CSS."""
    return OL_TAG.sub(_ol_with_style, html)


Finish = Callable[[dict[str, int], bytes], bytes]

# Above this much HTML (a document of well over 500 pages), the collector keeps running while the
# document is laid out, so that memory stays bounded; below it, pausing costs about 60 MB a 100 pages.
COLLECTOR_PAUSE_MAX_HTML = 2_000_000
_collector_lock = threading.Lock()
_collector_pauses = 0
_collector_was_enabled = False


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a document is laid out and written.

    WeasyPrint allocates hundreds of thousands of long-lived boxes for a long
    document, and each of the collector's full passes walks all of them again:
    a third of the handover pack's render. Reference counting still frees what
    it can as it goes; cycles wait for the collector, which runs again as soon
    as the last render in the process ends (renders in threads share one count).
    """
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            if _collector_pauses == 0 and _collector_was_enabled:
                gc.enable()


def html_to_pdf(html: str, *, progress: Progress | None = None, finish: Finish | None = None) -> bytes:
    """Lay out HTML and write a tagged PDF/UA document (then `finish` it, given each anchor's page index)."""
    html = prepare_for_weasyprint(html)
    base_url = allowed_roots()[0].as_uri() + "/"
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyURLFetcher())
    if progress:
        progress(40, "Laying out pages")
    paused = cycle_collector_paused() if len(html) <= COLLECTOR_PAUSE_MAX_HTML else contextlib.nullcontext()
    with paused:
        rendered = document.render(pdf_variant=PDF_VARIANT, pdf_tags=True, font_config=font_config())
        if progress:
            progress(80, f"Writing {len(rendered.pages)} pages")
        data = rendered.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    if finish is None:
        return data
    anchors = {name: index for index, page in enumerate(rendered.pages) for name in page.anchors}
    if progress:
        progress(90, "Adding the attached documents")
    return finish(anchors, data)


def content_hash(html: str) -> str:
    """Return the cache key for a document: its HTML, stylesheet and renderer."""
    digest = hashlib.sha256()
    digest.update(weasyprint.__version__.encode())
    digest.update(PREPARATION_REVISION)
    stylesheet = static_file_url(PRINT_STYLESHEET)
    with open(stylesheet.removeprefix("file://"), "rb") as handle:
        digest.update(handle.read())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def pdf_store(*, html: str, progress: Progress | None = None, finish: Finish | None = None) -> StoredPdf:
    """Return the stored PDF for this HTML, rendering it only if it is new."""
    key = content_hash(html)
    path = f"{settings.PDF_CACHE_DIR}/{key[:2]}/{key}.pdf"
    if not default_storage.exists(path):
        data = html_to_pdf(html, progress=progress, finish=finish)
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(data))
    return StoredPdf(content_hash=key, path=path)


def pdf_from_template(*, template_name: str, context: dict, progress: Progress | None = None) -> StoredPdf:
    """Render a template to a stored PDF (cached by content)."""
    return pdf_store(html=render_html(template_name=template_name, context=context), progress=progress)


def source_html(source: DocumentSource) -> str:
    return render_html(template_name=source.template_name, context={"title": source.title, **source.context})


def pdf_from_source(source: DocumentSource, *, progress: Progress | None = None) -> StoredPdf:
    return pdf_store(html=source_html(source), progress=progress, finish=source.finish)


def stored_pdf_for_source(source: DocumentSource) -> StoredPdf | None:
    """Return the document's PDF if it is already made; never render (the HTML is the cache key)."""
    return stored_pdf_for_hash(content_hash(source_html(source)))


def stored_pdf_for_hash(key: str) -> StoredPdf | None:
    path = f"{settings.PDF_CACHE_DIR}/{key[:2]}/{key}.pdf"
    return StoredPdf(content_hash=key, path=path) if default_storage.exists(path) else None


def pdf_job_start(*, user, document: str, params: dict) -> PdfJob:
    """Queue a document for rendering in the background once this transaction commits."""
    registered = get_document(document)
    if not registered.can_view(user, **params):
        raise PermissionError("You may not see this document.")
    return _job_queue(user=user, document=document, params=params, title=registered.build(**params).title)


def pdf_cached_or_job(*, user, document: str, params: dict) -> StoredPdf | PdfJob:
    """Return the stored PDF when this exact document is in the cache; otherwise queue it and return the job.

    Only building the HTML happens in the request: laying out a long document
    can take half a minute, so it is always left to a worker.
    """
    registered = get_document(document)
    if not registered.can_view(user, **params):
        raise PermissionError("You may not see this document.")
    source = registered.build(**params)
    html = render_html(template_name=source.template_name, context={"title": source.title, **source.context})
    stored = stored_pdf_for_hash(content_hash(html))
    if stored is not None:
        return stored
    return _job_queue(user=user, document=document, params=params, title=source.title)


def _job_queue(*, user, document: str, params: dict, title: str) -> PdfJob:
    """Create the job, or return the same person's job for the same document that is still under way."""
    from .tasks import render_pdf_job

    requester = user if user.is_authenticated else None
    under_way = PdfJob.objects.filter(
        document=document,
        params=params,
        requested_by=requester,
        status__in=[PdfJob.Status.QUEUED, PdfJob.Status.RENDERING],
    ).first()
    if under_way is not None:
        return under_way
    job = PdfJob.objects.create(document=document, params=params, title=title, requested_by=requester)
    transaction.on_commit(lambda: render_pdf_job.delay(str(job.pk)))
    return job


def pdf_job_run(*, job_id: str) -> PdfJob:
    """Render a queued job; a finished job is left as it is."""
    claimed = PdfJob.objects.filter(pk=job_id, status__in=[PdfJob.Status.QUEUED, PdfJob.Status.FAILED]).update(
        status=PdfJob.Status.RENDERING, progress=10, stage="Gathering content"
    )
    job = PdfJob.objects.get(pk=job_id)
    if not claimed and job.status == PdfJob.Status.DONE:
        return job

    def progress(percent: int, stage: str) -> None:
        PdfJob.objects.filter(pk=job_id).update(progress=percent, stage=stage)

    try:
        source = get_document(job.document).build(**job.params)
        stored = pdf_from_source(source, progress=progress)
    except Exception as exc:
        logger.exception("PDF job %s failed", job_id)
        PdfJob.objects.filter(pk=job_id).update(status=PdfJob.Status.FAILED, error=str(exc)[:2000], stage="Failed")
        job.refresh_from_db()
        return job
    PdfJob.objects.filter(pk=job_id).update(
        status=PdfJob.Status.DONE,
        progress=100,
        stage="Ready",
        content_hash=stored.content_hash,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
