"""Re-exports every model so Django finds them under the ``kratos_auth`` app label."""

from kratos_auth.audit.models import AuditEntry
from kratos_auth.courier.models import CourierMessage, MessageDispatch
from kratos_auth.identity.models import (
    Credential,
    CredentialIdentifier,
    Identity,
    RecoveryAddress,
    VerifiableAddress,
)
from kratos_auth.mfa.models import LookupSecretUse, TotpStep
from kratos_auth.selfservice.flow.models import SelfServiceError
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.recovery.models import RecoveryFlow
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.strategies.code.models import CodeSubmissionCounter, OneTimeCode
from kratos_auth.selfservice.strategies.link.models import LinkToken
from kratos_auth.selfservice.verification.models import VerificationFlow
from kratos_auth.session.models import Session, SessionDevice

__all__ = [
    "AuditEntry",
    "CodeSubmissionCounter",
    "CourierMessage",
    "Credential",
    "CredentialIdentifier",
    "Identity",
    "LinkToken",
    "LoginFlow",
    "LookupSecretUse",
    "MessageDispatch",
    "OneTimeCode",
    "RecoveryFlow",
    "RecoveryAddress",
    "RegistrationFlow",
    "SelfServiceError",
    "Session",
    "SessionDevice",
    "SettingsFlow",
    "TotpStep",
    "VerifiableAddress",
    "VerificationFlow",
]
