from celery import shared_task

from .services import pdf_job_run


@shared_task(acks_late=True)
def render_pdf_job(job_id: str) -> str:
    """Render a queued PDF job; safe to run again (a finished job is kept)."""
    return pdf_job_run(job_id=job_id).status
