from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("issued/", views.public_list, name="public_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/compare/", views.version_compare, name="version_compare"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/plan.pdf", views.version_pdf, name="version_pdf"),
    path("versions/<int:pk>/edit/", views.version_edit, name="version_edit"),
    path("versions/<int:pk>/timetable/", views.version_timetable, name="version_timetable"),
    path("versions/<int:pk>/share/", views.version_share, name="version_share"),
    path("versions/<int:pk>/consultation/", views.version_consultation, name="version_consultation"),
    path("versions/<int:pk>/issue/", views.version_issue, name="version_issue"),
    path("versions/<int:pk>/new-version/", views.version_new, name="version_new"),
    path("versions/<int:pk>/history/", views.version_history_view, name="version_history"),
    path("versions/<int:pk>/<slug:kind>/add/", views.item_edit, name="item_add"),
    path("versions/<int:pk>/<slug:kind>/<int:item_pk>/edit/", views.item_edit, name="item_edit"),
    path("versions/<int:pk>/<slug:kind>/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("versions/<int:pk>/sections/<int:section_pk>/comment/", views.comment_create, name="comment_create"),
    path("comments/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
]
