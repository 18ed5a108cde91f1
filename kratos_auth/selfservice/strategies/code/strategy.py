"""The ``code`` method: one-time codes for recovery, verification, sign-in and sign-up."""

from __future__ import annotations

from kratos_auth.identity.models import CredentialsType
from kratos_auth.selfservice.flow.delegates import (
    LoginByModule,
    RecoveryByModule,
    RegistrationByModule,
    VerificationByModule,
)
from kratos_auth.selfservice.flow.ui import Group
from kratos_auth.selfservice.strategies.code import login as login_method
from kratos_auth.selfservice.strategies.code import recovery as recovery_method
from kratos_auth.selfservice.strategies.code import registration as registration_method
from kratos_auth.selfservice.strategies.code import verification as verification_method


class CodeStrategy(LoginByModule, RegistrationByModule, RecoveryByModule, VerificationByModule):
    """Kratos's ``code`` strategy (``selfservice.methods.code``)."""

    id = CredentialsType.CODE
    group = Group.CODE
    login_module = login_method
    registration_module = registration_method
    recovery_module = recovery_method
    verification_module = verification_method
