from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.area_page, name="area"),
    path("<slug:code>/decisions/", views.decision_list, name="decision_list"),
    path("<slug:code>/decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<slug:code>/decisions/<int:pk>/notice.pdf", views.decision_pdf, name="decision_pdf"),
    path("<slug:code>/interests/", views.interest_list, name="interest_list"),
    path("<slug:code>/gifts-and-hospitality/", views.gift_list, name="gift_list"),
    path("<slug:code>/spending/", views.spend_list, name="spend_list"),
    path("<slug:code>/spending.csv", views.spend_csv, name="spend_csv"),
    path("<slug:code>/contracts/", views.contract_list, name="contract_list"),
    path("<slug:code>/contracts.csv", views.contract_csv, name="contract_csv"),
    path("<slug:code>/inspections/", views.inspection_list, name="inspection_list"),
    path("<slug:code>/manage/", views.manage, name="manage"),
    path("<slug:code>/manage/spending/", views.spend_upload, name="spend_upload"),
    path("<slug:code>/manage/schedule/<slug:key>/", views.entry_edit, name="entry_edit"),
    path("<slug:code>/manage/<slug:kind>/new/", views.record_edit, name="record_create"),
    path("<slug:code>/manage/<slug:kind>/<int:pk>/", views.record_edit, name="record_edit"),
]
