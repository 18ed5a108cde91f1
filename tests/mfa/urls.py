"""The test host site (decorated views, DRF views) next to the public API."""

from django.urls import include, path

from tests.host_views import urlpatterns as host_patterns

urlpatterns = [*host_patterns, path("", include("kratos_auth.api.urls.public"))]
