"""The contract of a verification strategy (``code`` or ``link``), and its success outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.verification.models import VerificationFlow

JSON = Any


@dataclass(frozen=True)
class Verified:
    """The user proved control of ``address`` (a ``VerifiableAddress``, now verified)."""

    address: Any
    by_link: bool = False


class VerificationStrategy(Protocol):
    """The method named by ``selfservice.flows.verification.use``.

    ``populate_verification`` puts the first form on a new flow. ``verify`` returns ``None``
    when ``body["method"]`` is not its own, a :class:`ShowFlow` for an intermediate step
    (answered alike for known and unknown addresses), or :class:`Verified`. A body with
    ``token`` is a link opened from an email. ``send_verification`` sends a code or link to
    a known address for a flow made by a hook (after registration or a settings change) and
    leaves the flow in ``sent_email``.
    """

    id: str

    def populate_verification(self, flow: VerificationFlow, ctx: FlowContext) -> None: ...

    def verify(
        self, flow: VerificationFlow, body: JSON, ctx: FlowContext
    ) -> Verified | ShowFlow | None: ...

    def send_verification(self, flow: VerificationFlow, address: Any, ctx: FlowContext) -> None: ...
