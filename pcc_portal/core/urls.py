from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("areas/<slug:code>/", views.area_detail, name="area_detail"),
    path("areas/<slug:code>/contact/", views.area_contact_edit, name="area_contact_edit"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("areas/<slug:code>/directory.pdf", views.area_directory_pdf, name="area_directory_pdf"),
    path("areas/<slug:code>/directory/background/", views.area_directory_pdf_job, name="area_directory_pdf_job"),
]
