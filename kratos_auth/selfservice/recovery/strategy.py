"""The contract of a recovery strategy (``code`` or ``link``), and its success outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.recovery.models import RecoveryFlow

JSON = Any


@dataclass(frozen=True)
class Recovered:
    """The user proved control of a recovery address of ``identity``. ``method`` is the
    session's authentication method: ``code_recovery`` or ``link_recovery``."""

    identity: Any
    method: str


class RecoveryStrategy(Protocol):
    """The method named by ``selfservice.flows.recovery.use``.

    ``populate_recovery`` puts the first form on a new flow. ``recover`` returns ``None``
    when ``body["method"]`` is not its own; a :class:`ShowFlow` for an intermediate step (a
    code or link was sent, a wrong code was entered: answered 200 with the flow, as Kratos
    does, whether or not the address is known); :class:`Recovered` when the user proved
    control of the address. A body with ``token`` is a link opened from an email (no CSRF
    token: it comes from the mail client). Form errors raise
    :class:`~kratos_auth.selfservice.flow.errors.FlowValidation`.
    """

    id: str

    def populate_recovery(self, flow: RecoveryFlow, ctx: FlowContext) -> None: ...

    def recover(
        self, flow: RecoveryFlow, body: JSON, ctx: FlowContext
    ) -> Recovered | ShowFlow | None: ...
