from django.urls import path

from . import views

app_name = "pdf"

urlpatterns = [
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="job_download"),
]
