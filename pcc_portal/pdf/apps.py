from django.apps import AppConfig


class PdfConfig(AppConfig):
    name = "pcc_portal.pdf"
    label = "pdf"
    verbose_name = "PDF documents"
