"""The ``code`` method: one-time codes for recovery, verification, sign-in and sign-up."""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import Authenticated, Prepared, ShowFlow
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.recovery.models import RecoveryFlow
from kratos_auth.selfservice.recovery.strategy import Recovered
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.registration.strategy import IdentityDraft, Screen
from kratos_auth.selfservice.strategies.code import login as login_method
from kratos_auth.selfservice.strategies.code import recovery as recovery_method
from kratos_auth.selfservice.strategies.code import registration as registration_method
from kratos_auth.selfservice.strategies.code import verification as verification_method
from kratos_auth.selfservice.verification.models import VerificationFlow
from kratos_auth.selfservice.verification.strategy import Verified

JSON = Any


class CodeStrategy:
    """Kratos's ``code`` strategy (``selfservice.methods.code``)."""

    id = CredentialsType.CODE
    group = Group.CODE

    def populate_login(self, flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
        login_method.populate(flow, ctx, session)

    def login(self, flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
        return login_method.login(flow, body, ctx)

    def populate_registration(
        self, flow: RegistrationFlow, ctx: FlowContext, screen: Screen
    ) -> None:
        registration_method.populate(flow, ctx, screen)

    def register(
        self, flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft
    ) -> Prepared | None:
        return registration_method.register(flow, body, ctx, draft)

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
