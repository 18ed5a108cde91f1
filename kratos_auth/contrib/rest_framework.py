"""Django REST framework: authenticate with Kratos sessions, answer in Kratos's error body.

    REST_FRAMEWORK = {
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "kratos_auth.contrib.rest_framework.KratosSessionAuthentication",
        ],
        "DEFAULT_PERMISSION_CLASSES": ["kratos_auth.contrib.rest_framework.HasKratosSession"],
        # optional: Kratos's body for every KratosError raised in your API views too
        "EXCEPTION_HANDLER": "kratos_auth.contrib.rest_framework.exception_handler",
    }

The permission classes mean what the decorators of the same names mean
(:mod:`kratos_auth.decorators`): :class:`HasKratosSession` (``session_required``),
:class:`Aal2Required`, :class:`VerifiedAddressRequired`. Their 401/403 carry Kratos's error
body with any exception handler, DRF's default included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import APIException
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kratos_auth.errors import KratosError
from kratos_auth.session import guards
from kratos_auth.session.models import Session
from kratos_auth.session.user import KratosUser

# Bearer tokens are one of the accepted credentials; also makes DRF answer 401, not 403.
AUTHENTICATE_HEADER = 'Bearer realm="kratos"'


class KratosAPIError(APIException):
    """A :class:`KratosError` as a DRF exception whose ``detail`` is Kratos's body."""

    def __init__(self, error: KratosError, request_id: str | None = None) -> None:
        super().__init__()
        self.status_code = error.status
        self.error = error
        # Set after __init__: DRF would turn the numbers in the body into strings.
        self.detail = error.to_body(request_id)  # type: ignore[assignment]


class KratosSessionAuthentication(BaseAuthentication):
    """``request.user`` is a :class:`KratosUser` and ``request.auth`` the session when the
    request carries a session that ``/sessions/whoami`` would accept; otherwise the request
    stays anonymous (so ``AllowAny`` views keep working) and the permissions decide."""

    def authenticate(self, request: Request) -> tuple[KratosUser, Session] | None:
        session = guards.whoami_session(request)
        if session is None:
            return None
        return KratosUser(session), session

    def authenticate_header(self, request: Request) -> str:
        return AUTHENTICATE_HEADER


class _KratosPermission(BasePermission):
    check: Callable[[Any], Session] = staticmethod(guards.require_session)

    def has_permission(self, request: Request, view: Any) -> bool:
        try:
            type(self).check(request)
        except KratosError as err:
            raise KratosAPIError(err) from err
        return True


class HasKratosSession(_KratosPermission):
    """An active session passing ``session.whoami.required_aal`` (401 / 403)."""

    check = staticmethod(guards.require_session)


class Aal2Required(_KratosPermission):
    """An active session at aal2 or above (401 / 403 ``session_aal2_required``)."""

    check = staticmethod(guards.require_aal2)


class VerifiedAddressRequired(_KratosPermission):
    """Like :class:`HasKratosSession`, plus a verified address (403
    ``session_verified_address_required``)."""

    check = staticmethod(guards.require_verified_address)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF ``EXCEPTION_HANDLER``: Kratos's body for :class:`KratosError`; DRF's default
    handling for everything else."""
    if isinstance(exc, KratosError):
        exc = KratosAPIError(exc)
    return drf_exception_handler(exc, context)
