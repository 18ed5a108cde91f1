"""Routes present on both surfaces."""

from django.urls import include, path

from kratos_auth.api import health

urlpatterns = [
    path("health/alive", health.is_alive, name="is_alive"),
    path("health/ready", health.is_ready, name="is_ready"),
    path("version", health.get_version, name="get_version"),
    path("", include("kratos_auth.api.admin.schemas")),
]
