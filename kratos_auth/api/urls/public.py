"""The public API (``serve.public``). Include it at the site root:

path("", include("kratos_auth.api.urls.public"))
"""

from django.urls import include, path

urlpatterns = [
    path("", include("kratos_auth.api.urls.common")),
]
