"""The bodies the lookup secret method accepts (api.json
``updateLoginFlowWithLookupSecretMethod`` and ``updateSettingsFlowWithLookupMethod``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kratos_auth.core.secret import Secret
from kratos_auth.selfservice.strategies.lookup_secret import nodes

JSON = Any
_TRUE = {"true", "1", "on", "yes"}


def _string(body: JSON, key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) else None


def _flag(body: JSON, key: str) -> bool:
    value = body.get(key)
    return value is True or (isinstance(value, str) and value.strip().lower() in _TRUE)


def _transient(body: JSON) -> JSON:
    value = body.get("transient_payload")
    return value if isinstance(value, dict) else None


@dataclass(frozen=True)
class LookupLoginPayload:
    """An empty or missing code is simply invalid (4000016), as in Kratos."""

    code: Secret
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> LookupLoginPayload:
        code = _string(body, nodes.CODE) or ""
        return cls(Secret(code), _string(body, "csrf_token"), _transient(body))


@dataclass(frozen=True)
class LookupSettingsPayload:
    reveal: bool
    regenerate: bool
    confirm: bool
    disable: bool
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> LookupSettingsPayload:
        return cls(
            reveal=_flag(body, nodes.REVEAL),
            regenerate=_flag(body, nodes.REGENERATE),
            confirm=_flag(body, nodes.CONFIRM),
            disable=_flag(body, nodes.DISABLE),
            csrf_token=_string(body, "csrf_token"),
            transient_payload=_transient(body),
        )

    @property
    def any(self) -> bool:
        return self.reveal or self.regenerate or self.confirm or self.disable
