"""DRF plumbing shared by the admin views: Kratos's error body, JSON only, key auth, audit.

A route maps HTTP methods to view functions named after api.json operationIds::

    path("admin/identities", route(list_identities, create_identity).as_view())

Each function takes the DRF request (plus URL kwargs) and returns a Response.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from rest_framework import exceptions as drf
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from kratos_auth.api.admin.auth import authenticate_admin
from kratos_auth.api.admin.middleware import BY_MIDDLEWARE_ATTRIBUTE, guard
from kratos_auth.api.admin.params import UnsupportedMediaType
from kratos_auth.api.admin.trail import OPERATION_ATTRIBUTE, record_call
from kratos_auth.api.exceptions import exception_response
from kratos_auth.conf import config
from kratos_auth.errors import (
    BadRequest,
    Forbidden,
    KratosError,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
    Unauthorized,
)
from kratos_auth.middleware import SURFACE_ENVIRON_KEY

Handler = Callable[..., HttpResponseBase]

_DRF_ERRORS: tuple[tuple[type[Exception], type[KratosError]], ...] = (
    (drf.NotAuthenticated, Unauthorized),
    (drf.AuthenticationFailed, Unauthorized),
    (drf.PermissionDenied, Forbidden),
    (drf.NotFound, NotFound),
    (Http404, NotFound),
    (drf.MethodNotAllowed, MethodNotAllowed),
    (drf.UnsupportedMediaType, UnsupportedMediaType),
    (drf.Throttled, TooManyRequests),
    (RequestDataTooBig, PayloadTooLarge),
    (drf.ParseError, BadRequest),
    (drf.ValidationError, BadRequest),
    (drf.NotAcceptable, BadRequest),
)


def as_kratos_error(exc: BaseException) -> BaseException:
    """The :class:`KratosError` for ``exc`` (DRF's and Django's 4xx included); else ``exc``."""
    if isinstance(exc, KratosError):
        return exc
    for source, target in _DRF_ERRORS:
        if isinstance(exc, source):
            return target()
    return exc


def kratos_exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponseBase:
    """DRF ``EXCEPTION_HANDLER``: Kratos's error body for everything, a bare 500 for bugs."""
    request = context.get("request")
    django_request = getattr(request, "_request", request)
    return exception_response(as_kratos_error(exc), django_request)


class _AlwaysJSON(BaseContentNegotiation):
    """Kratos answers JSON whatever ``Accept`` says; never 406."""

    def select_parser(self, request: Request, parsers: list) -> None:
        return None

    def select_renderer(
        self, request: Request, renderers: list, format_suffix: str | None = None
    ) -> tuple:
        return renderers[0], renderers[0].media_type


class AdminKeyAuthentication:
    """DRF authentication with the admin API key / allowlist (see :mod:`.auth`)."""

    def authenticate(self, request: Request) -> tuple[Any, None]:
        return authenticate_admin(request._request), None

    def authenticate_header(self, request: Request) -> str:
        return "Bearer"


class KratosAPIView(APIView):
    """JSON in, JSON out, Kratos's error body; no authentication (public routes)."""

    authentication_classes: tuple = ()
    permission_classes: tuple = ()
    renderer_classes = (JSONRenderer,)
    parser_classes: tuple = ()
    content_negotiation_class = _AlwaysJSON

    def get_exception_handler(self) -> Callable[..., HttpResponseBase]:
        return kratos_exception_handler


class AdminAPIView(KratosAPIView):
    """Admin routes: key/allowlist checked, the call recorded in the audit log.

    With :class:`~.middleware.AdminApiMiddleware` installed the middleware does both; without
    it, the view still authenticates and records the call itself. Plain Django views of the
    admin API get the same with :func:`admin_view`.
    """

    authentication_classes = (AdminKeyAuthentication,)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        request.user  # noqa: B018 - authenticate now, not lazily inside the handler

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)
        if not getattr(request._request, BY_MIDDLEWARE_ATTRIBUTE, False):
            record_call(request._request, response)
        return response


def admin_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For plain Django views of the admin API: what :class:`AdminAPIView` does for DRF ones.

    Without :class:`~.middleware.AdminApiMiddleware` the view checks the allowlist and the
    key and records the call itself (the middleware's :func:`~.middleware.guard`); with it,
    the view just runs (no second check, no second audit entry).
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, BY_MIDDLEWARE_ATTRIBUTE, False):
            return view(request, *args, **kwargs)
        return guard(request, lambda guarded: view(guarded, *args, **kwargs))

    return wrapped


def _bind(handler: Handler) -> Callable[..., HttpResponseBase]:
    def method(self: APIView, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        setattr(request._request, OPERATION_ATTRIBUTE, handler.__name__)
        return handler(request, *args, **kwargs)

    method.__name__ = handler.__name__
    method.__doc__ = handler.__doc__
    return method


def route(base: type[KratosAPIView] = AdminAPIView, **handlers: Handler) -> type[APIView]:
    """A view class dispatching ``get=``, ``post=``, ``put=``, ``patch=``, ``delete=``."""
    attrs = {method: _bind(handler) for method, handler in handlers.items()}
    name = "".join(h.__name__.title().replace("_", "") for h in handlers.values())
    return type(name[:80] or "Route", (base,), attrs)


def self_url(request: Request, path: str) -> str:
    """``path`` on this surface's configured base URL (``serve.*.base_url``), never Host.

    Without a configured base URL the path alone is returned (a relative link).
    """
    surface = "admin" if request.META.get(SURFACE_ENVIRON_KEY) == "admin" else "public"
    base = getattr(config.serve, surface).base_url
    if not base:
        return path
    return str(base).rstrip("/") + "/" + path.lstrip("/")
