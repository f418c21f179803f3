from django.db.models import Q, QuerySet

from .models import PdfJob


def pdf_jobs_visible_to(user) -> QuerySet[PdfJob]:
    """Return the jobs the user asked for, and visitors' jobs for public documents: nobody else's.

    A visitor's job is found only by its random id, and its download checks
    the document's own permission again, so it shows nothing a visitor may
    not read.
    """
    if not user.is_authenticated:
        return PdfJob.objects.filter(requested_by=None)
    return PdfJob.objects.filter(Q(requested_by=user) | Q(requested_by=None))
