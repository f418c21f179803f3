from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.index, name="index"),
    path("areas/<slug:code>/", views.organisation_list_view, name="organisation_list"),
    path("areas/<slug:code>/organisations/new/", views.organisation_create, name="organisation_create"),
    path("areas/<slug:code>/organisations.<str:fmt>", views.organisations_export, name="organisations_export"),
    path("areas/<slug:code>/contacts.<str:fmt>", views.contacts_export, name="contacts_export"),
    path("areas/<slug:code>/import/", views.organisations_import_view, name="organisations_import"),
    path(
        "areas/<slug:code>/import/contacts/",
        views.organisations_import_view,
        {"kind": "contacts"},
        name="contacts_import",
    ),
    path("areas/<slug:code>/landscape/", views.landscape_detail, name="landscape"),
    path("areas/<slug:code>/landscape.pdf", views.landscape_pdf, name="landscape_pdf"),
    path("areas/<slug:code>/partnerships/", views.partnership_list, name="partnership_list"),
    path("areas/<slug:code>/partnerships/new/", views.partnership_create, name="partnership_create"),
    path("areas/<slug:code>/engagement/", views.engagement_list, name="engagement_list"),
    path("areas/<slug:code>/engagement/new/", views.engagement_create, name="engagement_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/terms-of-reference/", views.partnership_terms, name="partnership_terms"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("partnerships/<int:pk>/members/", views.partnership_member_add, name="partnership_member_add"),
    path("engagement/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("actions/<int:pk>/done/", views.action_complete, name="action_complete"),
    path("bulletins/", views.bulletin_archive, name="bulletin_archive"),
    path("bulletins/manage/", views.bulletin_manage_list, name="bulletin_manage"),
    path("bulletins/new/", views.bulletin_create, name="bulletin_create"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/bulletin.pdf", views.bulletin_pdf, name="bulletin_pdf"),
    path("bulletins/<int:pk>/edit/", views.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:pk>/articles/new/", views.bulletin_article_add, name="bulletin_article_add"),
    path("bulletins/<int:pk>/events/new/", views.bulletin_event_add, name="bulletin_event_add"),
    path("bulletins/<int:pk>/publish/", views.bulletin_publish, name="bulletin_publish"),
    path("bulletins/<int:pk>/schedule/", views.bulletin_schedule, name="bulletin_schedule"),
    path("bulletins/<int:pk>/unschedule/", views.bulletin_unschedule, name="bulletin_unschedule"),
]
