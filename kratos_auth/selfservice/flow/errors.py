"""Flow errors: messages on the flow's form, and the error bodies flows answer with.

:class:`FlowValidation` carries UI messages (global or on a node); the flow error handler
puts them on the flow and answers 400 with the flow (API/JSON) or redirects the browser back
to the UI. As in Kratos, a 400 :class:`KratosError` raised inside a strategy becomes a
``4000001`` message with its reason. Every other :class:`KratosError` is answered as an
error body (API/JSON) or stored and shown on the error UI (browsers).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kratos_auth import text
from kratos_auth.errors import BadRequest, Forbidden, Gone, KratosError, NotFound, Unauthorized
from kratos_auth.text import ErrorId, MessageId, ui_text
from kratos_auth.text import flows as flow_text

JSON = Any


class FlowValidation(Exception):
    """Messages for the flow's form. ``messages`` holds ``(node name or None, uiText)``."""

    def __init__(self, messages: list[tuple[str | None, JSON]] | None = None) -> None:
        self.messages: list[tuple[str | None, JSON]] = list(messages or [])
        super().__init__(", ".join(str(m.get("id")) for _, m in self.messages))

    @classmethod
    def on(cls, node: str | None, message_id: MessageId, **context: Any) -> FlowValidation:
        return cls([(node, ui_text(message_id, **context))])

    @classmethod
    def generic(cls, reason: str, node: str | None = None) -> FlowValidation:
        return cls([(node, ui_text(MessageId.ERROR_VALIDATION_GENERIC, reason=reason))])

    def add(self, node: str | None, message: JSON) -> None:
        self.messages.append((node, message))

    def require(self, node: str) -> None:
        """Add Kratos's "Property <node> is missing." (4000002) on ``node``."""
        self.add(node, ui_text(MessageId.ERROR_VALIDATION_REQUIRED, property=node.split(".")[-1]))


class FlowExpired(Gone):
    """``selfServiceFlowExpiredError``: 410 with the id of a fresh flow to use instead."""

    id = ErrorId.SELF_SERVICE_FLOW_EXPIRED
    message = flow_text.FLOW_EXPIRED_MESSAGE

    def __init__(self, expired_at: dt.datetime, now: dt.datetime) -> None:
        self.expired_at = expired_at
        self.since = now - expired_at
        self.use_flow_id: str | None = None
        minutes = max(self.since.total_seconds(), 0) / 60
        super().__init__(flow_text.FLOW_EXPIRED_REASON.format(minutes=minutes))

    def to_body(self, request_id: str | None = None) -> dict[str, Any]:
        body = super().to_body(request_id)
        body["expired_at"] = self.expired_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        body["since"] = int(self.since.total_seconds() * 1_000_000_000)  # Go's Duration: ns
        if self.use_flow_id:
            body["use_flow_id"] = self.use_flow_id
        return body


class FlowGone(Gone):
    """``GET /self-service/<flow>/flows`` for an expired flow (no replacement is made)."""

    id = ErrorId.SELF_SERVICE_FLOW_EXPIRED
    message = flow_text.FLOW_GONE_MESSAGE


class FlowNotFound(NotFound):
    reason = flow_text.FLOW_NOT_FOUND_REASON


class FlowIdInvalid(BadRequest):
    message = flow_text.FLOW_ID_INVALID_MESSAGE
    reason = flow_text.FLOW_ID_INVALID_REASON


class CsrfViolation(Forbidden):
    id = ErrorId.SECURITY_CSRF_VIOLATION
    reason = text.reason(ErrorId.SECURITY_CSRF_VIOLATION)
    message = flow_text.CSRF_MESSAGE


class ReturnToForbidden(BadRequest):
    id = ErrorId.SELF_SERVICE_FLOW_RETURN_TO_FORBIDDEN

    def __init__(self, url: str) -> None:
        super().__init__(flow_text.RETURN_TO_REASON.format(url=url[:256]))


class AlreadyLoggedIn(BadRequest):
    id = ErrorId.SESSION_ALREADY_AVAILABLE
    message = flow_text.ALREADY_LOGGED_IN_MESSAGE


class Aal1Required(Unauthorized):
    id = ErrorId.SESSION_AAL1_REQUIRED
    reason = flow_text.AAL1_REQUIRED_REASON
    message = flow_text.AAL1_REQUIRED_MESSAGE


class FlowDisabled(BadRequest):
    id = ErrorId.SELF_SERVICE_FLOW_DISABLED


class BrowserLocationChangeRequired(KratosError):
    """422 ``errorBrowserLocationChangeRequired`` for API clients asked to open a URL."""

    status = 422
    id = ErrorId.BROWSER_LOCATION_CHANGE_REQUIRED
    message = flow_text.BROWSER_LOCATION_MESSAGE

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(flow_text.BROWSER_LOCATION_REASON.format(url=url))

    def to_body(self, request_id: str | None = None) -> dict[str, Any]:
        body = super().to_body(request_id)
        body["redirect_browser_to"] = self.url
        return body


class IdentityDisabled(BadRequest):
    """A disabled identity gave the right credentials: shown on the form as ``4010011``."""

    id = ErrorId.IDENTITY_DISABLED
    reason = text.reason(ErrorId.IDENTITY_DISABLED)

    def as_validation(self) -> FlowValidation:
        return FlowValidation.on(None, MessageId.ERROR_VALIDATION_IDENTITY_DISABLED)


class CodeSubmittedTooOften(BadRequest):
    """Kratos's ``ErrCodeSubmittedTooOften``: too many one-time codes were submitted to the
    flow (``selfservice.methods.code.config.max_submissions``); it must be started again."""

    reason = flow_text.CODE_SUBMITTED_TOO_OFTEN_REASON
