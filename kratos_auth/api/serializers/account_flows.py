"""Wire shapes of api.json's ``settingsFlow``, ``recoveryFlow`` and ``verificationFlow``.

``continue_with`` is never stored (it may carry a session token): services put it on the
flow instance for the one response that carries it.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.api.serializers.flow import serialize_ui
from kratos_auth.api.serializers.identity import format_time, serialize_identity
from kratos_auth.selfservice.flow import sealed

JSON = Any


def _common(flow: Any) -> dict[str, JSON]:
    body: dict[str, JSON] = {"id": str(flow.id), "organization_id": None, "type": flow.type}
    body["expires_at"] = format_time(flow.expires_at)
    body["issued_at"] = format_time(flow.issued_at)
    body["request_url"] = flow.request_url
    if flow.return_to:
        body["return_to"] = flow.return_to
    if flow.active:
        body["active"] = flow.active
    body["ui"] = serialize_ui(sealed.revealed_ui(flow))
    body["state"] = flow.state
    continue_with = getattr(flow, "continue_with", None)
    if continue_with:
        body["continue_with"] = list(continue_with)
    if flow.transient_payload is not None:
        body["transient_payload"] = flow.transient_payload
    return body


def serialize_settings_flow(flow: Any) -> dict[str, JSON]:
    """api.json ``settingsFlow`` (with the identity, as its owner sees it)."""
    body = _common(flow)
    body["identity"] = serialize_identity(flow.identity)
    return body


def serialize_recovery_flow(flow: Any) -> dict[str, JSON]:
    """api.json ``recoveryFlow``."""
    return _common(flow)


def serialize_verification_flow(flow: Any) -> dict[str, JSON]:
    """api.json ``verificationFlow``."""
    return _common(flow)
