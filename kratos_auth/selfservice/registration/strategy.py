"""The contract of a registration strategy, and the identity it fills in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import Prepared
from kratos_auth.selfservice.registration.models import RegistrationFlow

JSON = Any


class Screen(StrEnum):
    """Which form a registration flow shows (``selfservice.flows.registration.style``)."""

    UNIFIED = "unified"  # traits and every credential at once (legacy one-step)
    PROFILE = "profile"  # profile_first, step one: the traits
    CREDENTIALS = "credentials"  # profile_first, step two: choose a credential


@dataclass
class IdentityDraft:
    """The identity a registration will create, filled in by strategies and hooks.

    ``credentials`` maps a credentials type to its Kratos-shaped config (identifiers are
    derived from the traits by the identity service when it is created).
    """

    schema_id: str
    traits: JSON = field(default_factory=dict)
    credentials: dict[str, JSON] = field(default_factory=dict)
    metadata_public: JSON = None
    metadata_admin: JSON = None
    state: str = "active"
    verifiable_addresses: list[JSON] | None = None
    recovery_addresses: list[JSON] | None = None

    def __repr__(self) -> str:  # credentials hold password hashes: never show them
        return f"<IdentityDraft schema={self.schema_id} methods={sorted(self.credentials)}>"


@dataclass(frozen=True)
class SwitchScreen:
    """Show ``screen`` next (profile_first), with the ``traits`` entered so far."""

    screen: Screen
    traits: JSON


class RegistrationStrategy(Protocol):
    """A method that can sign identities up.

    ``populate_registration`` adds the method's nodes for ``screen``.

    ``register`` returns ``None`` when the body is not for this strategy, a
    :class:`Prepared` once it filled ``draft`` (traits and its credential), or a
    :class:`SwitchScreen` when the flow moves to another screen; it raises
    :class:`~kratos_auth.selfservice.flow.errors.FlowValidation` for form errors.
    """

    id: str
    group: str

    def populate_registration(
        self, flow: RegistrationFlow, ctx: FlowContext, screen: Screen
    ) -> None: ...

    def register(
        self, flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft
    ) -> Prepared | SwitchScreen | None: ...
