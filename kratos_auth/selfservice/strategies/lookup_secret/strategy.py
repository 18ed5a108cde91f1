"""The ``lookup_secret`` method: single-use backup recovery codes (aal2)."""

from __future__ import annotations

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.delegates import (
    LoginByModule,
    SettingsByModule,
)
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.strategies.lookup_secret import login as login_method
from kratos_auth.selfservice.strategies.lookup_secret import settings as settings_method


class LookupSecretStrategy(LoginByModule, SettingsByModule):
    """Kratos's ``lookup_secret`` strategy."""

    id = CredentialsType.LOOKUP_SECRET
    group = Group.LOOKUP_SECRET
    login_module = login_method
    settings_module = settings_method
