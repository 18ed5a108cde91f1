"""The ``totp`` method: a time-based one-time code from an authenticator app (aal2)."""

from __future__ import annotations

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.delegates import (
    LoginByModule,
    SettingsByModule,
)
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.strategies.totp import login as login_method
from kratos_auth.selfservice.strategies.totp import settings as settings_method


class TotpStrategy(LoginByModule, SettingsByModule):
    """Kratos's ``totp`` strategy."""

    id = CredentialsType.TOTP
    group = Group.TOTP
    login_module = login_method
    settings_module = settings_method
