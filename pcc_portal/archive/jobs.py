"""The export page's background job and its expiring download link."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import ArchiveJob
from .permissions import can_export_area
from .services import area_export

logger = logging.getLogger(__name__)

ARCHIVE_DIR = "archive"
LINK_SALT = "archive.download"


def link_max_age() -> int:
    return getattr(settings, "ARCHIVE_LINK_MAX_AGE", 60 * 60)


def keep_for() -> dt.timedelta:
    """How long a built package stays on the server (it may hold personal data)."""
    return dt.timedelta(hours=getattr(settings, "ARCHIVE_KEEP_HOURS", 24))


def archive_packages_purge(*, now=None) -> int:
    """Delete the files of packages built longer ago than ARCHIVE_KEEP_HOURS; return how many went.

    The job stays as the record that a package was made, by whom and when; its page says the file
    was removed. Running it again removes nothing more.
    """
    cutoff = (now or timezone.now()) - keep_for()
    removed = 0
    for job in ArchiveJob.objects.filter(finished_at__lt=cutoff).exclude(file_path=""):
        if default_storage.exists(job.file_path):
            default_storage.delete(job.file_path)
        ArchiveJob.objects.filter(pk=job.pk).update(
            file_path="", size=0, stage="Removed from the server after it expired"
        )
        removed += 1
    return removed


def archive_job_start(*, user, area, with_personal_data: bool, since=None, until=None) -> ArchiveJob:
    """Queue the area's package for building once this transaction commits."""
    from .tasks import build_area_package

    if not can_export_area(user, area):
        raise PermissionError("You may not export this area.")
    job = ArchiveJob.objects.create(
        area=area, requested_by=user, with_personal_data=with_personal_data, since=since, until=until
    )
    transaction.on_commit(lambda: build_area_package.delay(str(job.pk)))
    return job


def _aware(day: dt.date | None, *, end: bool = False):
    if day is None:
        return None
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return moment + dt.timedelta(days=1) if end else moment


def archive_job_run(*, job_id: str) -> ArchiveJob:
    """Build a queued job's package; a finished job is left as it is."""
    claimed = ArchiveJob.objects.filter(
        pk=job_id, status__in=[ArchiveJob.Status.QUEUED, ArchiveJob.Status.FAILED]
    ).update(status=ArchiveJob.Status.BUILDING, progress=1, stage="Starting")
    job = ArchiveJob.objects.select_related("area").get(pk=job_id)
    if not claimed:
        return job

    def progress(percent: int, stage: str) -> None:
        ArchiveJob.objects.filter(pk=job_id).update(progress=max(1, min(percent, 99)), stage=stage[:200])

    handle, temporary = tempfile.mkstemp(suffix=".zip")
    os.close(handle)
    try:
        manifest = area_export(
            job.area,
            temporary,
            with_personal_data=job.with_personal_data,
            since=_aware(job.since),
            until=_aware(job.until, end=True),
            progress=progress,
        )
        with open(temporary, "rb") as data:
            stored = default_storage.save(f"{ARCHIVE_DIR}/{job.pk}.zip", File(data))
        size = default_storage.size(stored)
    except Exception as exc:
        logger.exception("Archive job %s failed", job_id)
        ArchiveJob.objects.filter(pk=job_id).update(
            status=ArchiveJob.Status.FAILED, error=str(exc)[:2000], stage="Failed"
        )
        job.refresh_from_db()
        return job
    finally:
        os.unlink(temporary)
    ArchiveJob.objects.filter(pk=job_id).update(
        status=ArchiveJob.Status.DONE,
        progress=100,
        stage="Ready",
        file_path=stored,
        size=size,
        row_count=sum(info["count"] for info in manifest["models"].values()),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def download_url(job: ArchiveJob, user) -> str:
    """A link to the package for this user only, valid for ARCHIVE_LINK_MAX_AGE seconds."""
    token = signing.dumps({"job": str(job.pk), "user": user.pk}, salt=LINK_SALT)
    return reverse("archive:job_download", kwargs={"token": token})


class LinkExpired(Exception):
    pass


def job_for_token(token: str, user) -> ArchiveJob | None:
    """The job a download link names, if it is this user's and still valid; raises LinkExpired when too old."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk:
        return None
    return ArchiveJob.objects.filter(pk=data.get("job"), requested_by_id=user.pk, status=ArchiveJob.Status.DONE).first()
