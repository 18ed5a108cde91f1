"""The errors the settings flow answers with, in Kratos's shapes."""

from __future__ import annotations

from typing import Any

from kratos_auth.errors import Forbidden
from kratos_auth.text import ErrorId, reason
from kratos_auth.text import account as text


class NeedsPrivilegedSession(Forbidden):
    """403 ``session_refresh_required`` (api.json ``needsPrivilegedSessionError``): the
    session authenticated longer ago than ``privileged_session_max_age``; sign in again with
    ``refresh=true`` (``redirect_browser_to``), then resubmit."""

    id = ErrorId.SESSION_REFRESH_REQUIRED
    reason = reason(ErrorId.SESSION_REFRESH_REQUIRED)

    def __init__(self, redirect_browser_to: str) -> None:
        super().__init__(details={"redirect_browser_to": redirect_browser_to})
        self.redirect_browser_to = redirect_browser_to

    def to_body(self, request_id: str | None = None) -> dict[str, Any]:
        body = super().to_body(request_id)
        body["redirect_browser_to"] = self.redirect_browser_to
        return body


class IdentityMismatch(Forbidden):
    """403 ``security_identity_mismatch``: the flow belongs to another identity."""

    id = ErrorId.SECURITY_IDENTITY_MISMATCH
    reason = text.IDENTITY_MISMATCH_REASON
