from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from .models import PdfJob
from .registry import get_document
from .selectors import pdf_jobs_visible_to
from .services import StoredPdf, pdf_cached_or_job, pdf_job_start, stored_pdf_for_hash


def pdf_response(stored: StoredPdf, *, filename: str, inline: bool = True) -> FileResponse:
    """Return a stored PDF as a download (or shown in the browser)."""
    response = FileResponse(stored.open(), content_type="application/pdf", as_attachment=not inline, filename=filename)
    response["Cache-Control"] = "private, max-age=0"
    return response


def document_pdf_response(request: HttpRequest, *, document: str, params: dict, filename: str) -> HttpResponse:
    """Check access to a registered document; serve it from the cache, or send the user to its progress page."""
    try:
        ready = pdf_cached_or_job(user=request.user, document=document, params=params)
    except PermissionError:
        raise Http404 from None
    if isinstance(ready, PdfJob):
        return redirect(ready)
    return pdf_response(ready, filename=filename)


@require_GET
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    """Show a job's progress; htmx polls the status panel until it is ready."""
    job = get_object_or_404(pdf_jobs_visible_to(request.user), pk=pk)
    template = "pdf/partials/job_status.html" if request.htmx else "pdf/job_detail.html"
    return render(request, template, {"job": job})


@require_GET
def job_download(request: HttpRequest, pk) -> FileResponse:
    job = get_object_or_404(pdf_jobs_visible_to(request.user), pk=pk, status=PdfJob.Status.DONE)
    if not get_document(job.document).can_view(request.user, **job.params):
        raise Http404
    stored = stored_pdf_for_hash(job.content_hash)
    if stored is None:
        raise Http404
    return pdf_response(stored, filename=job.filename, inline=False)


def start_pdf_job(request: HttpRequest, *, document: str, params: dict) -> HttpResponse:
    """Queue a registered document for background rendering and show its progress page."""
    try:
        job = pdf_job_start(user=request.user, document=document, params=params)
    except PermissionError:
        raise Http404 from None
    return redirect(job)
