"""The bodies the code method accepts (api.json ``update*FlowWithCodeMethod``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kratos_auth.core.secret import Secret

JSON = Any
MAX_FIELD = 512


def _text(body: JSON, key: str) -> str:
    value = body.get(key)
    return value.strip()[:MAX_FIELD] if isinstance(value, str) else ""


@dataclass(frozen=True)
class CodePayload:
    method: str
    email: str
    code: Secret
    identifier: str
    address: str
    resend: bool
    traits: JSON
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> CodePayload:
        traits = body.get("traits")
        transient = body.get("transient_payload")
        return cls(
            method=_text(body, "method"),
            email=_text(body, "email"),
            code=Secret(_text(body, "code")),
            identifier=_text(body, "identifier"),
            address=_text(body, "address"),
            resend=_text(body, "resend") == "code",
            traits=traits if isinstance(traits, dict) else {},
            csrf_token=_text(body, "csrf_token") or None,
            transient_payload=transient if isinstance(transient, dict) else None,
        )

    @property
    def has_code(self) -> bool:
        return bool(self.code.reveal())

    @property
    def code_value(self) -> str:
        return str(self.code.reveal())
