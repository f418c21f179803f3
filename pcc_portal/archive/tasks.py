from celery import shared_task

from .jobs import archive_job_run, archive_packages_purge


@shared_task(acks_late=True)
def build_area_package(job_id: str) -> str:
    """Build a queued package; safe to run again (a finished job is kept)."""
    return archive_job_run(job_id=job_id).status


@shared_task
def purge_expired_packages() -> int:
    """Remove packages past their keeping time; idempotent."""
    return archive_packages_purge()
