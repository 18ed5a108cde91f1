"""Middleware: surface selection (public/admin app) and Kratos error rendering."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from kratos_auth.api.exceptions import exception_response
from kratos_auth.errors import KratosError

SURFACE_ENVIRON_KEY = "kratos.surface"


class SurfaceMiddleware:
    """Routes a request to the admin URLconf when its WSGI app says it is the admin surface.

    ``kratos serve`` runs two WSGI apps; the admin one sets ``environ["kratos.surface"] =
    "admin"``. Admin routes therefore do not exist on the public app, and the other way round.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get(SURFACE_ENVIRON_KEY) == "admin":
            request.urlconf = getattr(
                settings, "KRATOS_ADMIN_URLCONF", "kratos_auth.api.urls.admin"
            )
        return self.get_response(request)


class KratosErrorMiddleware:
    """Turns a :class:`KratosError` raised in any view into Kratos's JSON error body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, KratosError):
            return exception_response(exception, request)
        return None
