from django.urls import path

from . import views

app_name = "handover"

urlpatterns = [
    path("briefings/", views.briefing_list, name="briefing_list"),
    path("briefings/new/", views.briefing_create, name="briefing_create"),
    path("briefings/<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("briefings/<int:pk>/edit/", views.briefing_edit, name="briefing_edit"),
    path("briefings/<int:pk>/publish/", views.briefing_publish, name="briefing_publish"),
    path("briefings/<int:pk>/register/", views.candidate_register, name="candidate_register"),
    path("briefings/<int:pk>/candidates/", views.candidate_list, name="candidate_list"),
    path("briefings/<int:pk>/questions/", views.question_list, name="question_list"),
    path("candidates/<int:pk>/withdraw/", views.candidate_withdraw, name="candidate_withdraw"),
    path("candidates/confirm/<str:token>/", views.candidate_confirm, name="candidate_confirm"),
    path("candidates/me/<str:token>/", views.candidate_home, name="candidate_home"),
    path("questions/<int:pk>/answer/", views.answer_create, name="answer_create"),
    path("packs/", views.pack_list, name="pack_list"),
    path("packs/<int:pk>/", views.pack_detail, name="pack_detail"),
    path("packs/<int:pk>/pack.pdf", views.pack_pdf, name="pack_pdf"),
    path("packs/<int:pk>/pack/background/", views.pack_pdf_job, name="pack_pdf_job"),
]
