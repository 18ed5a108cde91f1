"""What a web hook sends (``ctx`` rendered by its Jsonnet body) and what it may change."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import _jsonnet

from kratos_auth.selfservice.flow import outbound
from kratos_auth.selfservice.flow.hooks import HookError, HookState
from kratos_auth.selfservice.flow.ui import CSRF_TOKEN_NAME, node_id

JSON = Any
MAX_TEMPLATE_BYTES = 256 * 1024
_BODY_METHODS = {"POST", "PUT", "PATCH"}


def _time(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return None


def _flow(flow: Any) -> JSON:
    ui = dict(flow.ui or {})
    ui["nodes"] = [n for n in ui.get("nodes", []) if node_id(n) != CSRF_TOKEN_NAME]
    return {
        "id": str(flow.id),
        "type": flow.type,
        "state": flow.state,
        "active": flow.active or None,
        "request_url": flow.request_url,
        "return_to": flow.return_to or None,
        "issued_at": _time(flow.issued_at),
        "expires_at": _time(flow.expires_at),
        "ui": ui,
    }


def _identity(identity: Any) -> JSON:
    if identity is None:
        return None
    found = {
        "id": str(identity.id) if getattr(identity, "id", None) else None,
        "schema_id": getattr(identity, "schema_id", None),
        "state": getattr(identity, "state", None),
        "traits": getattr(identity, "traits", None),
        "metadata_public": getattr(identity, "metadata_public", None),
        "metadata_admin": getattr(identity, "metadata_admin", None),
    }
    created = _time(getattr(identity, "created_at", None))
    if created:
        found["created_at"] = created
    return found


def context(flow_name: str, state: HookState) -> JSON:
    """Kratos's web hook ``ctx``."""
    ctx = state.ctx
    found: dict[str, JSON] = {
        "flow": _flow(state.flow),
        "request_headers": {k: [v] for k, v in ctx.headers.items()},
        "request_method": ctx.method,
        "request_url": ctx.request_url,
        "request_cookies": dict(ctx.cookies),
        "transient_payload": state.flow.transient_payload,
    }
    if state.identity is not None:
        found["identity"] = _identity(state.identity)
    if state.session is not None:
        found["session"] = {
            "id": str(state.session.id),
            "authenticated_at": _time(state.session.authenticated_at),
            "authenticator_assurance_level": state.session.aal,
        }
    return found


@functools.lru_cache(maxsize=32)
def _template(uri: str) -> str:
    """The Jsonnet source behind ``uri`` (cached; config changes use new URIs)."""
    if uri.startswith("base64://"):
        try:
            encoded = uri[len("base64://") :].strip()
            raw = base64.b64decode(encoded + "=" * (-len(encoded) % 4))
        except (binascii.Error, ValueError) as err:
            raise HookError("web_hook", "body template is not valid base64") from err
    elif uri.startswith(("http://", "https://")):
        try:
            raw = outbound.send("GET", uri, max_bytes=MAX_TEMPLATE_BYTES).body
        except outbound.OutboundError as err:
            raise HookError("web_hook", "body template cannot be fetched") from err
    else:
        path = Path(unquote(uri[len("file://") :] if uri.startswith("file://") else uri))
        try:
            raw = path.read_bytes()[: MAX_TEMPLATE_BYTES + 1]
        except OSError as err:
            raise HookError("web_hook", "body template cannot be read") from err
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise HookError("web_hook", "body template is too large")
    return raw.decode("utf-8")


def render(uri: str, ctx: JSON) -> bytes:
    """Evaluate the Jsonnet template ``uri`` as ``function(ctx)``."""
    try:
        out = _jsonnet.evaluate_snippet(uri, _template(uri), tla_codes={"ctx": json.dumps(ctx)})
    except RuntimeError as err:
        raise HookError("web_hook", "body template failed to render") from err
    return out.encode("utf-8")


def build_request(config: JSON, ctx: JSON) -> dict[str, Any]:
    """Keyword arguments for :func:`outbound.send` from the hook's config and ``ctx``."""
    method = str(config.get("method") or "POST").upper()
    headers = {str(k): str(v) for k, v in (config.get("headers") or {}).items()}
    body = None
    if method in _BODY_METHODS and config.get("body"):
        body = render(str(config["body"]), ctx)
        headers.setdefault("Content-Type", "application/json")
    auth_config = config.get("auth") or {}
    settings = auth_config.get("config") or {}
    auth, cookies = None, {}
    if auth_config.get("type") == "basic_auth":
        auth = (str(settings.get("user", "")), str(settings.get("password", "")))
    elif auth_config.get("type") == "api_key":
        target = cookies if settings.get("in") == "cookie" else headers
        target[str(settings.get("name", ""))] = str(settings.get("value", ""))
    return {
        "method": method,
        "url": str(config.get("url") or ""),
        "headers": headers,
        "body": body,
        "auth": auth,
        "cookies": cookies,
    }


def ui_message(raw: JSON) -> JSON:
    """A uiText from a web hook answer (only the known fields, typed)."""
    kind = raw.get("type") if raw.get("type") in ("info", "error", "success") else "error"
    message = {"id": int(raw.get("id") or 0), "text": str(raw.get("text") or ""), "type": kind}
    if isinstance(raw.get("context"), dict):
        message["context"] = raw["context"]
    return message


def apply_identity(state: HookState, body: bytes) -> None:
    """Apply ``{"identity": {...}}`` from a parsing hook's 2xx answer to the draft."""
    if not body.strip():
        return
    try:
        data = json.loads(body)
    except ValueError as err:
        raise HookError("web_hook", "answered with an unparsable body") from err
    changes = data.get("identity") if isinstance(data, dict) else None
    if not isinstance(changes, dict) or state.identity is None:
        return
    for key in ("traits", "metadata_public", "metadata_admin"):
        if key in changes:
            setattr(state.identity, key, changes[key])
