"""The ``webauthn`` method: security keys as a second factor, or as a first factor when
``selfservice.methods.webauthn.config.passwordless`` is on."""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.webauthn import login as login_method
from kratos_auth.selfservice.strategies.webauthn import settings as settings_method

JSON = Any


class WebAuthnStrategy:
    """Kratos's ``webauthn`` strategy."""

    id = CredentialsType.WEBAUTHN
    group = Group.WEBAUTHN

    def populate_login(self, flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
        login_method.populate(flow, ctx, session)

    def login(self, flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
        return login_method.login(flow, body, ctx)

    def populate_settings(self, flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
        settings_method.populate(flow, ctx, identity)

    def settings(self, flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
        return settings_method.settings(flow, body, ctx)
