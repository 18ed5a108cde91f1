"""Admin surface of the reference project (``serve.admin``, port 4434)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("", include("kratos_auth.api.urls.admin")),
]

handler404 = "kratos_auth.api.exceptions.not_found"
handler500 = "kratos_auth.api.exceptions.server_error"
