from django.urls import path

from . import views
from .api import api

app_name = "api"

urlpatterns = [
    path("docs/", views.docs, name="docs"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="token_revoke"),
    path("", api.urls),
]
