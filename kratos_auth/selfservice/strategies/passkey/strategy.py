"""The ``passkey`` method: username-less sign-in and sign-up with discoverable credentials."""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import Authenticated, Prepared
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.registration.strategy import IdentityDraft, Screen
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.passkey import login as login_method
from kratos_auth.selfservice.strategies.passkey import registration as registration_method
from kratos_auth.selfservice.strategies.passkey import settings as settings_method

JSON = Any


class PasskeyStrategy:
    """Kratos's ``passkey`` strategy (aal1)."""

    id = CredentialsType.PASSKEY
    group = Group.PASSKEY

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

    def populate_settings(self, flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
        settings_method.populate(flow, ctx, identity)

    def settings(self, flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
        return settings_method.settings(flow, body, ctx)
