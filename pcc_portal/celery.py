"""The Celery application: configured from Django settings (CELERY_*)."""

import logging
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")

app = Celery("pcc_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def warm_pdf_service(**_kwargs) -> None:
    """Each worker process renders a tiny document first, so no user's PDF waits for fonts to load."""
    from pcc_portal.pdf.services import warm_up

    try:
        warm_up()
    except Exception:  # a worker that cannot warm up still renders; the first document just pays
        logging.getLogger(__name__).exception("Could not warm up the PDF service")
