"""Renders every error as Kratos's body. Unknown exceptions become a generic 500."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.db import DataError
from django.http import HttpRequest, JsonResponse

from kratos_auth.errors import BadRequest, InternalError, KratosError, MethodNotAllowed, NotFound
from kratos_auth.text.errors import ROUTE_NOT_FOUND, UNSTORABLE_VALUE

logger = logging.getLogger("kratos_auth.api")


def error_response(error: KratosError, request: HttpRequest | None = None) -> JsonResponse:
    """A JSON response with Kratos's ``errorGeneric`` body for ``error``."""
    request_id = getattr(request, "kratos_request_id", None) if request is not None else None
    response = JsonResponse(error.to_body(request_id), status=error.status)
    headers: dict[str, Any] = getattr(error, "headers", {}) or {}
    for name, value in headers.items():
        response[name] = value
    return response


def exception_response(exc: BaseException, request: HttpRequest | None = None) -> JsonResponse:
    """Kratos's body for a :class:`KratosError`; a bare 500 body for anything else."""
    if isinstance(exc, KratosError):
        return error_response(exc, request)
    if isinstance(exc, DataError):
        # Validation should have refused the value (NUL, lone surrogate, too long); if a
        # lookup or write still reaches the database with one, it is the client's input.
        logger.warning("database refused a value: %s", type(exc).__name__)
        return error_response(BadRequest(UNSTORABLE_VALUE), request)
    # Never leak internals: log the type and a correlation id, answer generically.
    correlation = str(uuid.uuid4())
    logger.error("unhandled error %s (request %s)", type(exc).__name__, correlation, exc_info=exc)
    err = InternalError()
    response = JsonResponse(err.to_body(correlation), status=500)
    return response


def not_found(request: HttpRequest, exception: BaseException | None = None) -> JsonResponse:
    """``handler404`` for the API URLconfs."""
    return error_response(NotFound(ROUTE_NOT_FOUND), request)


def server_error(request: HttpRequest) -> JsonResponse:
    """``handler500`` for the API URLconfs."""
    return error_response(InternalError(), request)


def method_not_allowed(request: HttpRequest) -> JsonResponse:
    return error_response(MethodNotAllowed(), request)
