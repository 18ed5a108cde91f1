"""Middleware: surface selection (public/admin app), Kratos error rendering, and the Kratos
session on every request (``KratosSessionMiddleware``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from asgiref.sync import sync_to_async
from django.apps import apps
from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from kratos_auth.api.exceptions import exception_response
from kratos_auth.errors import KratosError
from kratos_auth.session import guards, transport
from kratos_auth.session.user import AnonymousKratosUser, KratosUser

if TYPE_CHECKING:
    from kratos_auth.session.models import Session

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
    """Turns a :class:`KratosError` raised in any view (or a value the database refused)
    into Kratos's JSON error body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, KratosError | DataError):
            return exception_response(exception, request)
        return None


def get_session(request: HttpRequest) -> Session | None:
    """The active Kratos session of ``request`` (any AAL), or ``None``. Cached per request;
    works with or without :class:`KratosSessionMiddleware`."""
    return transport.session_from_request(request)


def _identity(request: HttpRequest) -> Any:
    session = get_session(request)
    return session.identity if session is not None else None


def _anonymous() -> Any:
    if apps.is_installed("django.contrib.auth"):
        from django.contrib.auth.models import AnonymousUser  # needs the auth app loaded

        return AnonymousUser()
    return AnonymousKratosUser()


def _resolve_user(request: HttpRequest, previous: Any) -> Any:
    # A user signed in through django.contrib.auth (e.g. staff in the admin site) wins;
    # we only stand in for an anonymous one.
    if previous is not None and previous.is_authenticated:
        return previous
    session = guards.whoami_session(request)
    if session is not None:
        return KratosUser(session)
    return previous if previous is not None else _anonymous()


def _evaluated_user(request: HttpRequest) -> Any:
    user = request.user
    _ = user.is_authenticated  # resolve the lazy object here, in a sync context
    return user


async def _auser(request: HttpRequest) -> Any:
    return await sync_to_async(_evaluated_user)(request)


class KratosSessionMiddleware:
    """Puts the Kratos session and user on every request, lazily (no query unless read).

    * ``request.kratos_session``: the active session or a falsy lazy ``None`` (test it with
      ``if request.kratos_session:``, or call :func:`get_session` for the real object);
    * ``request.kratos_identity``: its identity (or a falsy lazy ``None``);
    * ``request.user`` / ``request.auser()``: a :class:`KratosUser` when the session passes
      ``/sessions/whoami`` (including ``session.whoami.required_aal``); otherwise the user
      Django's ``AuthenticationMiddleware`` found, or ``AnonymousUser``.

    Place it after ``django.contrib.auth.middleware.AuthenticationMiddleware`` (if you use
    it): a user signed in through Django keeps precedence, an anonymous one is replaced.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        previous = getattr(request, "user", None)
        request.kratos_session = SimpleLazyObject(lambda: get_session(request))
        request.kratos_identity = SimpleLazyObject(lambda: _identity(request))
        request.user = SimpleLazyObject(lambda: _resolve_user(request, previous))
        request.auser = partial(_auser, request)
        return self.get_response(request)
