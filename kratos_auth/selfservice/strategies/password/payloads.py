"""The bodies the password method accepts (api.json ``updateLoginFlowWithPasswordMethod``
and ``updateRegistrationFlowWithPasswordMethod``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kratos_auth.core.secret import Secret
from kratos_auth.selfservice.flow.errors import FlowValidation

JSON = Any


def _string(body: JSON, key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) else None


def _object(body: JSON, key: str) -> JSON:
    value = body.get(key)
    return value if isinstance(value, dict) else None


def _require(errors: FlowValidation, body: JSON, key: str) -> str:
    value = _string(body, key)
    if not value:
        errors.require(key)
    return value or ""


@dataclass(frozen=True)
class PasswordLoginPayload:
    identifier: str
    password: Secret
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> PasswordLoginPayload:
        """Raises :class:`FlowValidation` (4000002 on the node) for a missing field.

        ``password_identifier`` is Kratos's deprecated spelling of ``identifier``.
        """
        errors = FlowValidation()
        identifier = _string(body, "identifier") or _string(body, "password_identifier") or ""
        if not identifier:
            errors.require("identifier")
        password = _require(errors, body, "password")
        if errors.messages:
            raise errors
        return cls(
            identifier=identifier,
            password=Secret(password),
            csrf_token=_string(body, "csrf_token"),
            transient_payload=_object(body, "transient_payload"),
        )


@dataclass(frozen=True)
class PasswordRegistrationPayload:
    traits: JSON
    password: Secret
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> PasswordRegistrationPayload:
        errors = FlowValidation()
        password = _require(errors, body, "password")
        if errors.messages:
            raise errors
        return cls(
            traits=_object(body, "traits") or {},
            password=Secret(password),
            csrf_token=_string(body, "csrf_token"),
            transient_payload=_object(body, "transient_payload"),
        )
