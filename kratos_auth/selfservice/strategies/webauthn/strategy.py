"""The ``webauthn`` method: security keys as a second factor, or as a first factor when
``selfservice.methods.webauthn.config.passwordless`` is on."""

from __future__ import annotations

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.delegates import (
    LoginByModule,
    SettingsByModule,
)
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.strategies.webauthn import login as login_method
from kratos_auth.selfservice.strategies.webauthn import settings as settings_method


class WebAuthnStrategy(LoginByModule, SettingsByModule):
    """Kratos's ``webauthn`` strategy."""

    id = CredentialsType.WEBAUTHN
    group = Group.WEBAUTHN
    login_module = login_method
    settings_module = settings_method
