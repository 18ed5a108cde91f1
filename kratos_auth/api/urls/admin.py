"""The admin API (``serve.admin``). Never mount it on the public surface."""

from django.urls import include, path

urlpatterns = [
    path("", include("kratos_auth.api.urls.common")),
    path("", include("kratos_auth.api.admin.urls")),
    path("", include("kratos_auth.api.admin.sessions")),
]
