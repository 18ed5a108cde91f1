"""``GET /.well-known/ory/webauthn.js`` (api.json ``getWebAuthnJavaScript``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from kratos_auth.mfa import script


@require_GET
def get_web_authn_java_script(request: HttpRequest) -> HttpResponse:
    """The script the WebAuthn and passkey nodes call (cacheable: it changes with releases)."""
    response = HttpResponse(script.content(), content_type="text/javascript; charset=UTF-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path(script.PATH, get_web_authn_java_script, name="getWebAuthnJavaScript"),
]
