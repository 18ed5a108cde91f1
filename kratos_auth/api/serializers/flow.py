"""Wire shapes of api.json's ``loginFlow``, ``registrationFlow``, ``uiContainer``,
``successfulNativeLogin``, ``successfulNativeRegistration`` and ``flowError``.

The ``ui`` container is stored in its wire shape already; ``messages`` is left out when
empty (Kratos's ``omitempty``).
"""

from __future__ import annotations

from typing import Any

from kratos_auth.api.serializers.identity import format_time, serialize_identity
from kratos_auth.api.serializers.session import serialize_session
from kratos_auth.selfservice.flow import sealed
from kratos_auth.selfservice.flow.models import Flow, SelfServiceError
from kratos_auth.selfservice.flow.outcomes import Completed
from kratos_auth.session import tokens

JSON = Any


# Key order of Kratos's Go structs (PostgreSQL's jsonb does not keep the stored order).
_NODE_KEYS = ("type", "group", "attributes", "messages", "meta")
_ATTRIBUTE_KEYS = (
    "name", "type", "value", "required", "autocomplete", "label", "pattern", "disabled",
    "onclick", "onclickTrigger", "onload", "onloadTrigger", "maxlength", "options",
    "text", "src", "href", "title", "id", "width", "height", "async", "referrerpolicy",
    "crossorigin", "integrity", "nonce", "class", "data", "node_type",
)  # fmt: skip
_TEXT_KEYS = ("id", "text", "type", "context")


def _ordered(data: JSON, keys: tuple[str, ...]) -> JSON:
    if not isinstance(data, dict):
        return data
    rank = {key: index for index, key in enumerate(keys)}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(keys))))


def _text(message: JSON) -> JSON:
    ordered = _ordered(message, _TEXT_KEYS)
    if isinstance(ordered, dict) and isinstance(ordered.get("context"), dict):
        ordered["context"] = dict(sorted(ordered["context"].items()))  # Go sorts map keys
    return ordered


def _node(node: JSON) -> JSON:
    attributes = _ordered(node.get("attributes", {}), _ATTRIBUTE_KEYS)
    for key in ("label", "text", "title"):
        if isinstance(attributes.get(key), dict):
            attributes[key] = _text(attributes[key])
    meta = {k: _text(v) for k, v in (node.get("meta") or {}).items()}
    body = dict(node, attributes=attributes, meta=meta)
    body["messages"] = [_text(m) for m in node.get("messages", [])]
    return _ordered(body, _NODE_KEYS)


def serialize_ui(ui: JSON) -> JSON:
    body: dict[str, JSON] = {
        "action": ui.get("action", ""),
        "method": ui.get("method", "POST"),
        "nodes": [_node(n) for n in ui.get("nodes", [])],
    }
    if ui.get("messages"):
        body["messages"] = [_text(m) for m in ui["messages"]]
    return body


def _common(flow: Flow) -> dict[str, JSON]:
    body: dict[str, JSON] = {"id": str(flow.id), "organization_id": None, "type": flow.type}
    body["expires_at"] = format_time(flow.expires_at)
    body["issued_at"] = format_time(flow.issued_at)
    body["request_url"] = flow.request_url
    if flow.return_to:
        body["return_to"] = flow.return_to
    if flow.active:
        body["active"] = flow.active
    body["ui"] = serialize_ui(sealed.revealed_ui(flow))
    return body


def serialize_login_flow(flow: Any) -> dict[str, JSON]:
    """api.json ``loginFlow``."""
    body = _common(flow)
    body["created_at"] = format_time(flow.created_at)
    body["updated_at"] = format_time(flow.updated_at)
    body["refresh"] = flow.refresh
    body["requested_aal"] = flow.requested_aal
    body["state"] = flow.state
    if flow.transient_payload is not None:
        body["transient_payload"] = flow.transient_payload
    return body


def serialize_registration_flow(flow: Any) -> dict[str, JSON]:
    """api.json ``registrationFlow``."""
    body = _common(flow)
    body["state"] = flow.state
    if flow.transient_payload is not None:
        body["transient_payload"] = flow.transient_payload
    return body


def _continue_with(done: Completed, browser_json: bool) -> list[JSON]:
    actions = list(done.continue_with)
    if browser_json and not any(a.get("action") == "redirect_browser_to" for a in actions):
        actions.append({"action": "redirect_browser_to", "redirect_browser_to": done.return_to})
    return actions


def serialize_successful_login(done: Completed, *, with_token: bool) -> dict[str, JSON]:
    """api.json ``successfulNativeLogin``; the token only for API flows."""
    body: dict[str, JSON] = {"session": serialize_session(done.session)}
    if with_token and done.session_token is not None:
        body["session_token"] = tokens.reveal(done.session_token)
    body["continue_with"] = _continue_with(done, browser_json=not with_token)
    return body


def serialize_successful_registration(done: Completed, *, with_token: bool) -> dict[str, JSON]:
    """api.json ``successfulNativeRegistration`` (session only with the ``session`` hook)."""
    body: dict[str, JSON] = {"identity": serialize_identity(done.identity)}
    if done.session is not None:
        body["session"] = serialize_session(done.session)
        if with_token and done.session_token is not None:
            body["session_token"] = tokens.reveal(done.session_token)
    body["continue_with"] = _continue_with(done, browser_json=not with_token)
    return body


def serialize_flow_error(stored: SelfServiceError) -> dict[str, JSON]:
    """api.json ``flowError``."""
    return {
        "id": str(stored.id),
        "error": stored.error,
        "created_at": format_time(stored.created_at),
        "updated_at": format_time(stored.updated_at),
    }
