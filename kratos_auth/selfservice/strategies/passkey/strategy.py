"""The ``passkey`` method: username-less sign-in and sign-up with discoverable credentials."""

from __future__ import annotations

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.delegates import (
    LoginByModule,
    RegistrationByModule,
    SettingsByModule,
)
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.strategies.passkey import login as login_method
from kratos_auth.selfservice.strategies.passkey import registration as registration_method
from kratos_auth.selfservice.strategies.passkey import settings as settings_method


class PasskeyStrategy(LoginByModule, RegistrationByModule, SettingsByModule):
    """Kratos's ``passkey`` strategy (aal1)."""

    id = CredentialsType.PASSKEY
    group = Group.PASSKEY
    login_module = login_method
    registration_module = registration_method
    settings_module = settings_method
