from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/publish/", views.consultation_publish_view, name="publish"),
    path("<int:pk>/questions/", views.question_add_view, name="question_add"),
    path("questions/<int:pk>/delete/", views.question_delete_view, name="question_delete"),
    path("<int:pk>/documents/", views.document_add_view, name="document_add"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/respond/autosave/", views.respond_autosave, name="respond_autosave"),
    path("responses/<int:pk>/", views.response_detail, name="response_detail"),
    path("responses/<int:pk>/tags/", views.response_tag_add_view, name="response_tag_add"),
    path("tags/<int:pk>/delete/", views.response_tag_delete_view, name="response_tag_delete"),
    path("responses/<int:pk>/notes/", views.analyst_note_add_view, name="analyst_note_add"),
    path("responses/<int:pk>/redactions/", views.redaction_add_view, name="redaction_add"),
    path("responses/<int:pk>/publish/", views.response_publish_view, name="response_publish"),
    path("responses/<int:pk>/unpublish/", views.response_unpublish_view, name="response_unpublish"),
    path("<int:pk>/analysis/", views.analysis, name="analysis"),
    path("<int:pk>/export.xlsx", views.export_xlsx_view, name="export_xlsx"),
    path("<int:pk>/export.csv", views.export_csv_view, name="export_csv"),
    path("<int:pk>/outcomes/", views.outcome_add_view, name="outcome_add"),
    path("<int:pk>/outcomes/publish/", views.outcomes_publish_view, name="outcomes_publish"),
    # Public pages: no account needed.
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("public/confirm/<str:token>/", views.public_confirm, name="public_confirm"),
    path("public/<int:pk>/you-said-we-did/", views.public_outcomes, name="public_outcomes"),
    # Consultation events and their findings.
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/record/", views.event_record, name="event_record"),
    path("events/<int:pk>/sessions/", views.session_add_view, name="session_add"),
    path("events/<int:pk>/attendees/", views.attendee_add_view, name="attendee_add"),
    path("events/<int:pk>/findings/", views.finding_add_view, name="finding_add"),
    path("events/<int:pk>/actions/", views.action_add_view, name="action_add"),
    path("themes/", views.theme_add_view, name="theme_add"),
    path("events/<int:pk>/report/", views.event_report, name="event_report"),
    path("events/<int:pk>/report.pdf", views.event_report_pdf, name="event_report_pdf"),
    path("events/<int:pk>/feedback/", views.event_feedback_view, name="event_feedback"),
    path("actions/<int:pk>/status/", views.action_status_view, name="action_status"),
]
