"""The errors sessions, whoami and logout answer with, in Kratos's shapes."""

from __future__ import annotations

from typing import Any

from kratos_auth.errors import (
    BadRequest,
    Forbidden,
    KratosError,
    NotFound,
    SessionAal2Required,
    SessionInactive,
)
from kratos_auth.text import ErrorId
from kratos_auth.text import sessions as text


class NoActiveSession(SessionInactive):
    """401 ``session_inactive``: no token, an unknown, expired or revoked one, or a
    session whose identity is inactive. Deliberately the same answer for all of them."""

    reason = text.NO_ACTIVE_SESSION_REASON
    message = text.NO_ACTIVE_SESSION_MESSAGE


class AalNotSatisfied(SessionAal2Required):
    """403 ``session_aal2_required``. Like Kratos, ``redirect_browser_to`` is sent both in
    ``error.details`` and at the top level of the body."""

    reason = text.AAL_NOT_SATISFIED_REASON
    message = text.AAL_NOT_SATISFIED_MESSAGE

    def __init__(self, redirect_browser_to: str) -> None:
        super().__init__(details={"redirect_browser_to": redirect_browser_to})
        self.redirect_browser_to = redirect_browser_to

    def to_body(self, request_id: str | None = None) -> dict[str, Any]:
        body = super().to_body(request_id)
        body["redirect_browser_to"] = self.redirect_browser_to
        return body


class AddressNotVerified(Forbidden):
    """403 ``session_verified_address_required``: no verified address on the identity."""

    id = ErrorId.SESSION_VERIFIED_ADDRESS_REQUIRED
    reason = text.ADDRESS_NOT_VERIFIED_REASON
    message = text.ADDRESS_NOT_VERIFIED_MESSAGE


class SessionNotFound(NotFound):
    reason = text.SESSION_NOT_FOUND_REASON


def bad_request(message: str, reason_text: str | None = None) -> KratosError:
    """A plain 400 with herodot's ``error`` text as the message."""
    return BadRequest(reason_text, message=message)
