"""The bodies the TOTP method accepts (api.json ``updateLoginFlowWithTotpMethod`` and
``updateSettingsFlowWithTotpMethod``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kratos_auth.core.secret import Secret
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.strategies.totp import nodes

JSON = Any
_TRUE = {"true", "1", "on", "yes"}


def _string(body: JSON, key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) else None


def flag(body: JSON, key: str) -> bool:
    """A boolean field: JSON ``true`` or a form's ``"true"``."""
    value = body.get(key)
    return value is True or (isinstance(value, str) and value.strip().lower() in _TRUE)


@dataclass(frozen=True)
class TotpLoginPayload:
    code: Secret
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> TotpLoginPayload:
        """Raises :class:`FlowValidation` (4000002 on ``totp_code``) when the code is missing."""
        code = _string(body, nodes.CODE) or ""
        if not code.strip():
            errors = FlowValidation()
            errors.require(nodes.CODE)
            raise errors
        transient = body.get("transient_payload")
        return cls(
            Secret(code),
            _string(body, "csrf_token"),
            transient if isinstance(transient, dict) else None,
        )


@dataclass(frozen=True)
class TotpSettingsPayload:
    code: Secret
    unlink: bool
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> TotpSettingsPayload:
        transient = body.get("transient_payload")
        return cls(
            Secret(_string(body, nodes.CODE) or ""),
            flag(body, nodes.UNLINK),
            _string(body, "csrf_token"),
            transient if isinstance(transient, dict) else None,
        )
