"""The error tree. Everything a client may see derives from :class:`KratosError`.

``api.exceptions`` renders it as Kratos's body::

    {"error": {"id": ..., "code": 404, "status": "Not Found", "reason": ..., "message": ...}}
"""

from __future__ import annotations

from typing import Any

from kratos_auth.text import ErrorId, reason
from kratos_auth.text.errors import STATUS_MESSAGES


class KratosError(Exception):
    """Base of every client-visible error. Subclasses set ``status`` and ``id``."""

    status: int = 500
    id: ErrorId = ErrorId.INTERNAL
    reason: str = ""
    message: str | None = None

    def __init__(
        self,
        reason: str | None = None,
        *,
        message: str | None = None,
        details: dict[str, Any] | None = None,
        error_id: ErrorId | None = None,
    ) -> None:
        if reason is not None:
            self.reason = reason
        if message is not None:
            self.message = message
        if error_id is not None:
            self.id = error_id
        self.details = dict(details or {})
        super().__init__(self.reason or self.default_message())

    def default_message(self) -> str:
        return STATUS_MESSAGES.get(self.status, STATUS_MESSAGES[500])[1]

    def status_text(self) -> str:
        return STATUS_MESSAGES.get(self.status, ("Error", ""))[0]

    def to_body(self, request_id: str | None = None) -> dict[str, Any]:
        """Kratos's ``errorGeneric`` body."""
        error: dict[str, Any] = {
            "id": str(self.id),
            "code": self.status,
            "status": self.status_text(),
            "reason": self.reason,
            "message": self.message or self.default_message(),
        }
        if request_id:
            error["request"] = request_id
        if self.details:
            error["details"] = self.details
        return {"error": error}


class BadRequest(KratosError):
    status = 400
    id = ErrorId.BAD_REQUEST


class Unauthorized(KratosError):
    status = 401
    id = ErrorId.UNAUTHORIZED


class Forbidden(KratosError):
    status = 403
    id = ErrorId.FORBIDDEN


class NotFound(KratosError):
    status = 404
    id = ErrorId.NOT_FOUND


class MethodNotAllowed(KratosError):
    status = 405
    id = ErrorId.METHOD_NOT_ALLOWED


class Conflict(KratosError):
    status = 409
    id = ErrorId.CONFLICT


class Gone(KratosError):
    status = 410
    id = ErrorId.GONE


class PayloadTooLarge(KratosError):
    status = 413
    id = ErrorId.PAYLOAD_TOO_LARGE


class TooManyRequests(KratosError):
    status = 429
    id = ErrorId.TOO_MANY_REQUESTS


class InternalError(KratosError):
    status = 500
    id = ErrorId.INTERNAL


class ServiceUnavailable(KratosError):
    status = 503
    id = ErrorId.SERVICE_UNAVAILABLE


class SessionInactive(Unauthorized):
    id = ErrorId.SESSION_INACTIVE
    reason = reason(ErrorId.SESSION_INACTIVE)


class SessionAal2Required(Forbidden):
    id = ErrorId.SESSION_AAL2_REQUIRED
    reason = reason(ErrorId.SESSION_AAL2_REQUIRED)


class DecryptionFailed(InternalError):
    id = ErrorId.DECRYPTION_FAILED
    reason = reason(ErrorId.DECRYPTION_FAILED)


class HasherBusy(ServiceUnavailable):
    id = ErrorId.HASHER_BUSY
    reason = reason(ErrorId.HASHER_BUSY)
