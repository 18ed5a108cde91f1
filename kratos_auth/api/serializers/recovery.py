"""Wire shapes of the admin recovery endpoints: api.json's
``createRecoveryCodeForIdentityBody`` / ``createRecoveryLinkForIdentityBody`` (requests) and
``recoveryCodeForIdentity`` / ``recoveryLinkForIdentity`` (responses, which carry a secret
code or token: the views send them uncached and never log them)."""

from __future__ import annotations

from typing import Any

from kratos_auth.api.serializers.identity import format_time
from kratos_auth.errors import BadRequest
from kratos_auth.text import admin as text
from kratos_auth.text import identity as identity_text

JSON = Any
_CODE_FIELDS = frozenset({"identity_id", "expires_in", "flow_type"})
_LINK_FIELDS = frozenset({"identity_id", "expires_in"})


def _parse(body: dict[str, JSON], allowed: frozenset[str], struct: str) -> dict[str, JSON]:
    for name in body:
        if name not in allowed:
            raise BadRequest(identity_text.JSON_UNKNOWN_FIELD.format(name=str(name)[:100]))
    if not body.get("identity_id"):
        raise BadRequest(text.FIELD_REQUIRED.format(field="identity_id"))
    for name in allowed:
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            kind = "number" if isinstance(value, int | float) else type(value).__name__
            raise BadRequest(
                text.FIELD_TYPE.format(actual=kind, struct=struct, field=name, expected="string")
            )
    return {name: body[name] for name in allowed if body.get(name) is not None}


def parse_code_body(body: dict[str, JSON]) -> dict[str, JSON]:
    """``createRecoveryCodeForIdentityBody`` → ``identity_id``, ``expires_in``, ``flow_type``."""
    return _parse(body, _CODE_FIELDS, "CreateRecoveryCodeForIdentityBody")


def parse_link_body(body: dict[str, JSON]) -> dict[str, JSON]:
    """``createRecoveryLinkForIdentityBody`` → ``identity_id``, ``expires_in``."""
    return _parse(body, _LINK_FIELDS, "CreateRecoveryLinkForIdentityBody")


def serialize_code(result: Any) -> dict[str, JSON]:
    return {
        "recovery_link": result.recovery_link,
        "recovery_code": str(result.recovery_code.reveal()),
        "expires_at": format_time(result.expires_at),
    }


def serialize_link(result: Any) -> dict[str, JSON]:
    return {
        "recovery_link": str(result.recovery_link.reveal()),
        "expires_at": format_time(result.expires_at),
    }
