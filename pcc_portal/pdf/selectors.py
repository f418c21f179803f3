from django.db.models import QuerySet

from .models import PdfJob


def pdf_jobs_visible_to(user) -> QuerySet[PdfJob]:
    """Return the jobs the user asked for: nobody else's."""
    if not user.is_authenticated:
        return PdfJob.objects.none()
    return PdfJob.objects.filter(requested_by=user)
