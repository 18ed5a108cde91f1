"""Admin-surface URLconf with only the admin API (isolates these tests from other routes)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("", include("kratos_auth.api.urls.common")),
    path("", include("kratos_auth.api.admin.urls")),
]

handler404 = "kratos_auth.api.exceptions.not_found"
handler500 = "kratos_auth.api.exceptions.server_error"
