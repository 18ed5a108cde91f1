"""Guards the admin surface and records every admin API call in the audit log.

Add after :class:`kratos_auth.middleware.SurfaceMiddleware`::

    MIDDLEWARE = [..., "kratos_auth.middleware.SurfaceMiddleware",
                  "kratos_auth.api.admin.middleware.AdminApiMiddleware", ...]

On the admin surface: health and version answer to anyone (probes); the Django admin site
(its own login) and the identity schemas (public data, which the Ory SDK fetches without
credentials) are subject to ``serve.admin.allowed_ips`` only; everything else (the admin
API, unknown routes included) needs the allowlist and, when configured, an API key, and is
recorded in the audit log. The public surface is untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from kratos_auth.api.admin.auth import authenticate_admin, check_ip
from kratos_auth.api.admin.trail import NOTE_ATTRIBUTE, AuditNote, record_call
from kratos_auth.api.exceptions import error_response
from kratos_auth.errors import KratosError
from kratos_auth.middleware import SURFACE_ENVIRON_KEY

OPEN_PATHS = frozenset({"/health/alive", "/health/ready", "/version"})
# Set on requests that :func:`guard` checks and records (the middleware, or a view of its own).
BY_MIDDLEWARE_ATTRIBUTE = "kratos_audit_by_middleware"


def _needs_no_key(request: HttpRequest) -> bool:
    """The Django admin site and the schemas: allowlist only, no API key, no audit entry."""
    path = request.path_info
    if path == "/schemas" or path.startswith("/schemas/"):
        return True
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return "admin" in match.app_names


class AdminApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get(SURFACE_ENVIRON_KEY) != "admin" or request.path_info in OPEN_PATHS:
            return self.get_response(request)
        if _needs_no_key(request):
            try:
                check_ip(request)
            except KratosError as err:
                return error_response(err, request)
            return self.get_response(request)
        return guard(request, self.get_response)


def guard(request: HttpRequest, handler: Callable[[HttpRequest], HttpResponse]) -> HttpResponse:
    """Check the allowlist and the API key, run ``handler``, record the call in the audit log.

    A refused call is answered here (401/403) and recorded too. Marks ``request`` so that
    nothing downstream checks or records it a second time (see ``base.admin_view``).
    """
    setattr(request, BY_MIDDLEWARE_ATTRIBUTE, True)
    setattr(request, NOTE_ATTRIBUTE, AuditNote())
    try:
        authenticate_admin(request)
    except KratosError as err:
        response = error_response(err, request)
    else:
        response = handler(request)
    record_call(request, response)
    return response
