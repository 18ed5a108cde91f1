"""Public surface of the reference project (``serve.public``, port 4433)."""

from django.urls import include, path

urlpatterns = [
    path("", include("kratos_auth.api.urls.public")),
]

handler404 = "kratos_auth.api.exceptions.not_found"
handler500 = "kratos_auth.api.exceptions.server_error"
