from django.urls import path

from . import views

app_name = "commissioning"

urlpatterns = [
    path("", views.home, name="home"),
    path("streams/new/", views.stream_create, name="stream_create"),
    path("streams/<int:pk>/", views.stream_detail, name="stream_detail"),
    path("streams/<int:pk>/allocations/new/", views.allocation_create, name="allocation_create"),
    path("streams/<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("streams/<int:pk>/grants/new/", views.grant_create, name="grant_create"),
    path("allocations/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("allocations/<int:pk>/lock/", views.allocation_lock, name="allocation_lock"),
    path("allocations/<int:pk>/discard/", views.allocation_discard, name="allocation_discard"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/apply/", views.application_start, name="application_start"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("applications/<int:pk>/assessors/", views.assignment_add, name="assignment_add"),
    path("applications/<int:pk>/assess/", views.assessment, name="assessment"),
    path("applications/<int:pk>/moderate/", views.application_moderate, name="application_moderate"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("grants/<int:pk>/", views.grant_detail, name="grant_detail"),
    path("grants/<int:pk>/offer.pdf", views.grant_pdf, name="grant_pdf"),
    path("grants/<int:pk>/instalments/<int:instalment_pk>/paid/", views.instalment_paid, name="instalment_paid"),
    path("grants/<int:pk>/status/", views.grant_status, name="grant_status"),
    path("grants/<int:pk>/variations/", views.variation_add, name="variation_add"),
    path("returns/<int:pk>/", views.return_detail, name="return_detail"),
    path("register/", views.register, name="register"),
    path("register/grants.csv", views.register_csv, name="register_csv"),
    path("register/360giving.json", views.register_json, name="register_json"),
    path("register/<int:pk>/", views.register_grant, name="register_grant"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/<str:reference>/", views.decision_detail, name="decision_detail"),
]
