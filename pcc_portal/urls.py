from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from api.api import api as open_data_api
from pcc_portal.accounts.forms import EmailAuthenticationForm
from pcc_portal.accounts.views import PasswordResetView
from pcc_portal.core import views as core_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("pcc_portal.core.urls")),
    path("documents/", include("pcc_portal.pdf.urls")),
    path("deadlines/", include("pcc_portal.deadlines.urls")),
    path("notifications/", include("pcc_portal.notifications.urls")),
    path("archive/", include("pcc_portal.archive.urls")),
    path("partners/", include("partners.urls")),
    path("plans/", include("plans.urls")),
    path("panels/", include("panels.urls")),
    path("consultations/", include("consultations.urls")),
    path("commissioning/", include("commissioning.urls")),
    path("transparency/", include("transparency.urls")),
    path("transition/", include("transition.urls")),
    path("handover/", include("handover.urls")),
    path("api/", include("api.urls")),
    path("api/", open_data_api.urls),
    path("search/", include("search.urls")),
]
