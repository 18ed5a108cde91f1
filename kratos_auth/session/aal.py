"""Authenticator Assurance Levels and authentication methods, as Kratos computes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kratos_auth.identity.models import AAL, CredentialsType

JSON = Any
ORDER = {AAL.AAL0: 0, AAL.AAL1: 1, AAL.AAL2: 2, AAL.AAL3: 3}
HIGHEST_AVAILABLE = "highest_available"
# Used when a method is given by name only: these are second factors in Kratos.
SECOND_FACTORS = frozenset({CredentialsType.TOTP, CredentialsType.LOOKUP_SECRET})


def rank(aal: str | None) -> int:
    """Numeric level of ``aal`` (unknown or empty counts as aal0)."""
    return ORDER.get(aal, 0) if isinstance(aal, str) else 0


@dataclass(frozen=True)
class AuthenticationMethod:
    """One entry of ``authentication_methods`` (api.json ``sessionAuthenticationMethod``)."""

    method: str
    aal: str = AAL.AAL1
    completed_at: dt.datetime | None = None
    provider: str | None = None
    organization: str | None = None

    @classmethod
    def coerce(cls, value: AuthenticationMethod | str | Mapping[str, Any]) -> AuthenticationMethod:
        """Accept a method, a credentials type name, or a dict with the api.json fields."""
        if isinstance(value, AuthenticationMethod):
            return value
        if isinstance(value, str):
            aal = AAL.AAL2 if value in SECOND_FACTORS else AAL.AAL1
            return cls(method=value, aal=aal)
        completed = value.get("completed_at")
        if isinstance(completed, str):
            completed = dt.datetime.fromisoformat(completed.replace("Z", "+00:00"))
        return cls(
            method=str(value["method"]),
            aal=str(value.get("aal") or AAL.AAL1),
            completed_at=completed,
            provider=value.get("provider") or None,
            organization=value.get("organization") or None,
        )

    def to_json(self, now: dt.datetime) -> dict[str, JSON]:
        """The stored form; ``completed_at`` defaults to ``now``."""
        data: dict[str, JSON] = {
            "method": self.method,
            "aal": str(self.aal),
            "completed_at": (self.completed_at or now).isoformat(),
        }
        if self.provider:
            data["provider"] = self.provider
        if self.organization:
            data["organization"] = self.organization
        return data


def session_aal(methods: Iterable[Mapping[str, Any]]) -> str:
    """Kratos's ``SetAuthenticatorAssuranceLevel``: aal2 needs a first and a second factor;
    any method at all gives aal1; no method gives aal0."""
    levels = [str(m.get("aal") or "") for m in methods]
    if not levels:
        return AAL.AAL0
    if AAL.AAL1 in levels and AAL.AAL2 in levels:
        return AAL.AAL2
    return AAL.AAL1


def satisfies(session_level: str, required: str) -> bool:
    """Whether a session at ``session_level`` meets the ``required`` level."""
    return rank(session_level) >= rank(required)
