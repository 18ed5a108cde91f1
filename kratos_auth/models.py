"""Re-exports every model so Django finds them under the ``kratos_auth`` app label."""

from kratos_auth.identity.models import (
    Credential,
    CredentialIdentifier,
    Identity,
    RecoveryAddress,
    VerifiableAddress,
)

__all__ = [
    "Credential",
    "CredentialIdentifier",
    "Identity",
    "RecoveryAddress",
    "VerifiableAddress",
]
