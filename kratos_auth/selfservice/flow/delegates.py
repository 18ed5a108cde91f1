"""Strategy mixins that hand each flow's methods to the strategy's per-flow module.

A strategy package holds one module per flow it supports (``login.py``, ``settings.py`` …),
each with ``populate`` and the flow's submit function. A strategy class mixes in one class
per supported flow and names the module; nothing else. Only supported flows are mixed in:
:func:`kratos_auth.selfservice.flow.strategies.for_capability` asks a class for the flow's
method by name, so a strategy must not have the methods of flows it does not support.

The flow, draft and outcome types live in the flow packages above this one, so they are
typed loosely here; the flow Protocols (``login.strategy`` …) state the precise contract.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, ClassVar

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.models import Flow
from kratos_auth.selfservice.flow.outcomes import Authenticated, Prepared

JSON = Any


class LoginByModule:
    """``populate_login`` and ``login`` from ``login_module``."""

    login_module: ClassVar[ModuleType]

    def populate_login(self, flow: Flow, ctx: FlowContext, session: Any) -> None:
        self.login_module.populate(flow, ctx, session)

    def login(self, flow: Flow, body: JSON, ctx: FlowContext) -> Authenticated | None:
        result: Authenticated | None = self.login_module.login(flow, body, ctx)
        return result


class RegistrationByModule:
    """``populate_registration`` and ``register`` from ``registration_module``."""

    registration_module: ClassVar[ModuleType]

    def populate_registration(self, flow: Flow, ctx: FlowContext, screen: Any) -> None:
        self.registration_module.populate(flow, ctx, screen)

    def register(self, flow: Flow, body: JSON, ctx: FlowContext, draft: Any) -> Prepared | None:
        result: Prepared | None = self.registration_module.register(flow, body, ctx, draft)
        return result


class SettingsByModule:
    """``populate_settings`` and ``settings`` from ``settings_module``."""

    settings_module: ClassVar[ModuleType]

    def populate_settings(self, flow: Flow, ctx: FlowContext, identity: Any) -> None:
        self.settings_module.populate(flow, ctx, identity)

    def settings(self, flow: Flow, body: JSON, ctx: FlowContext) -> Any:
        """A ``SettingsUpdate``, or ``None`` when the payload is not this method's."""
        return self.settings_module.settings(flow, body, ctx)


class RecoveryByModule:
    """``populate_recovery`` and ``recover`` from ``recovery_module``."""

    recovery_module: ClassVar[ModuleType]

    def populate_recovery(self, flow: Flow, ctx: FlowContext) -> None:
        self.recovery_module.populate(flow, ctx)

    def recover(self, flow: Flow, body: JSON, ctx: FlowContext) -> Any:
        """``Recovered``, a ``ShowFlow``, or ``None`` when not this method's."""
        return self.recovery_module.recover(flow, body, ctx)


class VerificationByModule:
    """``populate_verification``, ``verify`` and ``send_verification`` from
    ``verification_module``."""

    verification_module: ClassVar[ModuleType]

    def populate_verification(self, flow: Flow, ctx: FlowContext) -> None:
        self.verification_module.populate(flow, ctx)

    def verify(self, flow: Flow, body: JSON, ctx: FlowContext) -> Any:
        """``Verified``, a ``ShowFlow``, or ``None`` when not this method's."""
        return self.verification_module.verify(flow, body, ctx)

    def send_verification(self, flow: Flow, address: Any, ctx: FlowContext) -> None:
        self.verification_module.send_verification(flow, address, ctx)
