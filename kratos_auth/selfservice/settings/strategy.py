"""The contract of a settings strategy, and the change it asks for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.settings.models import SettingsFlow

JSON = Any


@dataclass(frozen=True)
class SettingsUpdate:
    """What a strategy wants changed. The settings service writes it in one transaction with
    the ``after`` hooks, so a failing hook leaves the identity as it was.

    ``traits`` replaces the traits (``None``: unchanged); ``credentials`` maps a credentials
    type to its new Kratos-shaped config (``None`` removes the credential).
    """

    method: str
    traits: JSON = None
    credentials: dict[str, JSON] = field(default_factory=dict)
    #: Authentication methods the submission proved (a second factor just set up with a
    #: valid code or key): added to the session after the write, as Kratos does.
    proved: tuple[Any, ...] = ()

    def __repr__(self) -> str:  # credentials hold hashes and secrets
        return f"<SettingsUpdate {self.method} credentials={sorted(self.credentials)}>"


class ShowForm(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a strategy that changed only the form (Kratos's
    ``ErrStrategyAsksToReturnToUI``: lookup codes revealed or regenerated): the flow is saved
    and shown again (200, ``show_form``) without writing the identity."""


class SettingsStrategy(Protocol):
    """A method an identity manages in the settings flow.

    ``populate_settings`` adds the method's nodes for ``identity`` (current values, no
    secrets). ``settings`` returns ``None`` when ``body["method"]`` is not the strategy's
    own, a :class:`SettingsUpdate` when the submission is valid, or raises
    :class:`~kratos_auth.selfservice.flow.errors.FlowValidation` (messages on the form) or
    :class:`~kratos_auth.selfservice.settings.errors.NeedsPrivilegedSession` (call
    :func:`~kratos_auth.selfservice.settings.privileged.require_privileged_session` before
    changing credentials or identifiers). It never writes the identity itself.
    """

    id: str
    group: str

    def populate_settings(self, flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None: ...

    def settings(
        self, flow: SettingsFlow, body: JSON, ctx: FlowContext
    ) -> SettingsUpdate | None: ...
