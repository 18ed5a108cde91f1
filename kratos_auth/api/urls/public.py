"""The public API (``serve.public``). Include it at the site root:

path("", include("kratos_auth.api.urls.public"))
"""

from django.urls import include, path

urlpatterns = [
    path("", include("kratos_auth.api.urls.common")),
    path("", include("kratos_auth.api.public.sessions")),
    path("", include("kratos_auth.api.public.logout")),
    path("", include("kratos_auth.api.public.login")),
    path("", include("kratos_auth.api.public.registration")),
    path("", include("kratos_auth.api.public.settings")),
    path("", include("kratos_auth.api.public.recovery")),
    path("", include("kratos_auth.api.public.verification")),
    path("", include("kratos_auth.api.public.errors")),
    path("", include("kratos_auth.ui.urls")),
    path("", include("kratos_auth.api.public.webauthn")),
]
