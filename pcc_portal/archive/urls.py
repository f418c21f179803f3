from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.export, name="export"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("download/<str:token>/", views.job_download, name="job_download"),
]
