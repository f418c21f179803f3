from django.urls import path

from . import views

app_name = "transition"

urlpatterns = [
    path("", views.home, name="home"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("new/<slug:code>/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/propose/", views.programme_propose, name="programme_propose"),
    path("<int:pk>/workstreams/new/", views.workstream_create, name="workstream_create"),
    path("workstreams/<int:pk>/", views.workstream_detail, name="workstream_detail"),
    path("workstreams/<int:pk>/edit/", views.workstream_edit, name="workstream_edit"),
    path("<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("<int:pk>/risks/", views.risk_list, name="risk_list"),
    path("<int:pk>/risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("<int:pk>/decisions/", views.decision_list, name="decision_list"),
    path("<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/register/export.<str:fmt>", views.register_export, name="register_export"),
    path("<int:pk>/register/bulk/", views.register_bulk, name="register_bulk"),
    path("<int:pk>/register/new/", views.item_create, name="item_create"),
    path("rows/<int:pk>/", views.item_detail, name="item_detail"),
    path("rows/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("rows/<int:pk>/accept/", views.item_accept, name="item_accept"),
    path("rows/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("<int:pk>/readiness/", views.readiness, name="readiness"),
]
