from django.urls import path

from . import views

app_name = "api"

# The API itself (api.api.api.urls, namespace "openapi") is mounted beside these in pcc_portal/urls.py:
# django-ninja reverses its own namespace from the root, so it cannot be nested in this one.

urlpatterns = [
    path("docs/", views.docs, name="docs"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="token_revoke"),
]
