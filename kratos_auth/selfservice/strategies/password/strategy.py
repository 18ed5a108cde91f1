"""The ``password`` method: login and registration with an identifier and a password."""

from __future__ import annotations

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.delegates import (
    LoginByModule,
    RegistrationByModule,
    SettingsByModule,
)
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.strategies.password import login as login_method
from kratos_auth.selfservice.strategies.password import registration as registration_method
from kratos_auth.selfservice.strategies.password import settings as settings_method


class PasswordStrategy(LoginByModule, RegistrationByModule, SettingsByModule):
    """Kratos's ``password`` strategy: login, registration and password changes."""

    id = CredentialsType.PASSWORD
    group = Group.PASSWORD
    login_module = login_method
    registration_module = registration_method
    settings_module = settings_method
