from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .forms import ExportForm
from .jobs import LinkExpired, archive_job_start, download_url, job_for_token, keep_for, link_max_age
from .permissions import can_download_archive_job
from .selectors import archive_jobs_visible_to, exportable_areas_for

RECENT_JOBS = 10


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """Build an area's whole record (or an FOI/audit bundle) as a package, in the background."""
    areas = exportable_areas_for(request.user)
    if not areas.exists():
        raise Http404
    initial = {"area": request.GET.get("area")} if request.GET.get("area") else None
    form = ExportForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            job = archive_job_start(
                user=request.user,
                area=form.cleaned_data["area"],
                with_personal_data=form.cleaned_data["with_personal_data"],
                since=form.cleaned_data["since"],
                until=form.cleaned_data["until"],
            )
        return redirect(job)
    jobs = list(archive_jobs_visible_to(request.user)[:RECENT_JOBS])
    return render(request, "archive/export.html", {"form": form, "jobs": jobs})


@login_required
@require_GET
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    """A job's progress; htmx polls the status panel until the package is ready."""
    job = get_object_or_404(archive_jobs_visible_to(request.user), pk=pk)
    context = {"job": job, "link_minutes": link_max_age() // 60, "keep_hours": int(keep_for().total_seconds() // 3600)}
    if job.status == job.Status.DONE and job.file_path:
        context["download_url"] = download_url(job, request.user)
    template = "archive/partials/job_status.html" if request.htmx else "archive/job_detail.html"
    return render(request, template, context)


@login_required
@require_GET
def job_download(request: HttpRequest, token: str) -> HttpResponse:
    """The package, through a link that is the requesting user's alone and expires."""
    try:
        job = job_for_token(token, request.user)
    except LinkExpired:
        return render(request, "archive/link_expired.html", status=410)
    if job is None or not can_download_archive_job(request.user, job) or not job.file_path:
        raise Http404
    if not default_storage.exists(job.file_path):
        raise Http404
    response = FileResponse(
        default_storage.open(job.file_path, "rb"),
        as_attachment=True,
        filename=job.filename,
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
