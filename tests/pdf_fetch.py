"""Fetch a document as a browser would: through its progress page when it is not in the PDF cache."""

from urllib.parse import urlparse

from django.test import TestCase
from django.urls import Resolver404, resolve

from pcc_portal.pdf.models import PdfJob


def get_pdf(client, url: str, **kwargs):
    """GET a document; when it is not cached yet, let its job run (as a worker would) and GET it again.

    A refused document answers 404 at once; a job that does not finish fails the test.
    """
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(url, **kwargs)
    if response.status_code != 302:
        return response
    try:
        match = resolve(urlparse(response["Location"]).path)
    except Resolver404:
        return response
    if match.view_name != "pdf:job_detail":
        return response
    job = PdfJob.objects.get(pk=match.kwargs["pk"])
    assert job.status == PdfJob.Status.DONE, f"{job.title}: {job.status} {job.error}"
    return client.get(url, **kwargs)
