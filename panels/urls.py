from django.urls import path

from . import views

app_name = "panels"

urlpatterns = [
    path("", views.panel_list, name="panel_list"),
    path("<int:pk>/", views.panel_detail, name="panel_detail"),
    path("<int:pk>/balance/", views.panel_balance, name="panel_balance"),
    path("<int:pk>/calendar/", views.panel_calendar, name="calendar"),
    path("<int:pk>/votes/new/", views.veto_vote_create, name="veto_vote_create"),
    path("<int:pk>/complaints/", views.complaint_list, name="complaint_list"),
    path("<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/meetings/<int:meeting_pk>/edit/", views.meeting_create, name="meeting_edit"),
    path("<int:pk>/members/new/", views.membership_create, name="membership_create"),
    path("<int:pk>/members/<int:membership_pk>/", views.membership_create, name="membership_edit"),
    path("<int:pk>/complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:pk>/status/", views.complaint_status, name="complaint_status"),
    path("meetings/<int:pk>/items/new/", views.agenda_item_create, name="agenda_item_create"),
    path("agenda-items/<int:pk>/report/", views.agenda_report_edit, name="agenda_report_edit"),
    path("agenda-items/<int:pk>/report/from-word/", views.agenda_report_from_word, name="agenda_report_from_word"),
    path("<int:pk>/reports/new/", views.panel_report_edit, name="panel_report_create"),
    path("<int:pk>/reports/<int:report_pk>/edit/", views.panel_report_edit, name="panel_report_edit"),
    path("<int:pk>/hearings/new/", views.hearing_create, name="hearing_create"),
    path("hearings/<int:pk>/outcome/", views.hearing_outcome, name="hearing_outcome"),
    path("<int:pk>/precept/<int:year>/", views.precept_year_edit, name="precept_year_edit"),
    path("meetings/<int:pk>/record/", views.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/declarations/new/", views.declaration_create, name="declaration_create"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agenda.pdf", views.meeting_agenda_pdf, name="meeting_agenda_pdf"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting_publish"),
    path("agenda-reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("agenda-reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/", views.panel_report_detail, name="panel_report_detail"),
    path("reports/<int:pk>/pdf/", views.panel_report_pdf, name="panel_report_pdf"),
    path("reports/<int:pk>/publish/", views.panel_report_publish, name="panel_report_publish"),
    path("recommendations/<int:pk>/respond/", views.recommendation_respond, name="recommendation_respond"),
]
