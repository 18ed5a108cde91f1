"""The body the profile method accepts (api.json ``updateRegistrationFlowWithProfileMethod``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JSON = Any
LEGACY_BACK = "profile:back"


@dataclass(frozen=True)
class ProfilePayload:
    method: str
    traits: JSON
    screen: str
    csrf_token: str | None
    transient_payload: JSON

    @classmethod
    def parse(cls, body: JSON) -> ProfilePayload:
        def text(key: str) -> str:
            value = body.get(key)
            return value if isinstance(value, str) else ""

        traits = body.get("traits")
        transient = body.get("transient_payload")
        return cls(
            method=text("method"),
            traits=traits if isinstance(traits, dict) else {},
            screen=text("screen"),
            csrf_token=text("csrf_token") or None,
            transient_payload=transient if isinstance(transient, dict) else None,
        )

    @property
    def is_ours(self) -> bool:
        return self.method in ("profile", LEGACY_BACK) or bool(self.screen)

    @property
    def goes_back(self) -> bool:
        return self.screen == "previous" or self.method == LEGACY_BACK
