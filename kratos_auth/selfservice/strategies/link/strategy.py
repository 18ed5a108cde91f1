"""The ``link`` method: one-time links for recovery and verification."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.recovery.models import RecoveryFlow
from kratos_auth.selfservice.recovery.strategy import Recovered
from kratos_auth.selfservice.strategies.link import recovery as recovery_method
from kratos_auth.selfservice.strategies.link import verification as verification_method
from kratos_auth.selfservice.verification.models import VerificationFlow
from kratos_auth.selfservice.verification.strategy import Verified

JSON = Any


class LinkStrategy:
    """Kratos's ``link`` strategy (``selfservice.methods.link``)."""

    id = "link"
    group = Group.LINK

    def populate_recovery(self, flow: RecoveryFlow, ctx: FlowContext) -> None:
        recovery_method.populate(flow, ctx)

    def recover(
        self, flow: RecoveryFlow, body: JSON, ctx: FlowContext
    ) -> Recovered | ShowFlow | None:
        return recovery_method.recover(flow, body, ctx)

    def populate_verification(self, flow: VerificationFlow, ctx: FlowContext) -> None:
        verification_method.populate(flow, ctx)

    def verify(
        self, flow: VerificationFlow, body: JSON, ctx: FlowContext
    ) -> Verified | ShowFlow | None:
        return verification_method.verify(flow, body, ctx)

    def send_verification(self, flow: VerificationFlow, address: Any, ctx: FlowContext) -> None:
        verification_method.send_verification(flow, address, ctx)
