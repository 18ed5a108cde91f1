"""Identity store. Field names follow api.json's ``identity``, ``identityCredentials``,
``verifiableIdentityAddress`` and ``recoveryIdentityAddress``."""

from __future__ import annotations

import uuid

from django.db import models

from kratos_auth.cipher.fields import EncryptedJSONField
from kratos_auth.core import clock


class IdentityState(models.TextChoices):
    ACTIVE = "active"
    INACTIVE = "inactive"


class AAL(models.TextChoices):
    AAL0 = "aal0"
    AAL1 = "aal1"
    AAL2 = "aal2"
    AAL3 = "aal3"


class CredentialsType(models.TextChoices):
    PASSWORD = "password"
    OIDC = "oidc"
    TOTP = "totp"
    LOOKUP_SECRET = "lookup_secret"
    WEBAUTHN = "webauthn"
    CODE = "code"
    PASSKEY = "passkey"
    PROFILE = "profile"
    SAML = "saml"


class AddressVia(models.TextChoices):
    EMAIL = "email"
    SMS = "sms"


class VerifiableAddressStatus(models.TextChoices):
    PENDING = "pending"
    SENT = "sent"
    COMPLETED = "completed"


class Identity(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    schema_id = models.CharField(max_length=255)
    state = models.CharField(
        max_length=16, choices=IdentityState.choices, default=IdentityState.ACTIVE
    )
    state_changed_at = models.DateTimeField(null=True, blank=True)
    traits = models.JSONField(default=dict)
    metadata_public = models.JSONField(null=True, blank=True)
    metadata_admin = models.JSONField(null=True, blank=True)
    external_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    available_aal = models.CharField(max_length=8, choices=AAL.choices, null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_identities"
        verbose_name_plural = "identities"
        ordering = ("id",)

    def __str__(self) -> str:
        return str(self.id)

    @property
    def is_active(self) -> bool:
        return self.state == IdentityState.ACTIVE


class Credential(models.Model):
    """One credential of an identity. ``config`` is encrypted at rest for every type."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    identity = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="credentials")
    type = models.CharField(max_length=32, choices=CredentialsType.choices)
    config = EncryptedJSONField(default=dict)
    version = models.IntegerField(default=0)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_identity_credentials"
        constraints = [
            models.UniqueConstraint(fields=["identity", "type"], name="kratos_credential_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.type} credential"


class CredentialIdentifier(models.Model):
    """A normalised identifier; unique per credential type across all identities."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    credential = models.ForeignKey(
        Credential, on_delete=models.CASCADE, related_name="identifier_rows"
    )
    type = models.CharField(max_length=32, choices=CredentialsType.choices)
    identifier = models.CharField(max_length=512)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_identity_credential_identifiers"
        constraints = [
            models.UniqueConstraint(
                fields=["type", "identifier"], name="kratos_identifier_unique_per_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.type}:{self.identifier}"


class VerifiableAddress(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    identity = models.ForeignKey(
        Identity, on_delete=models.CASCADE, related_name="verifiable_addresses"
    )
    value = models.CharField(max_length=400)
    via = models.CharField(max_length=16, choices=AddressVia.choices, default=AddressVia.EMAIL)
    verified = models.BooleanField(default=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=16,
        choices=VerifiableAddressStatus.choices,
        default=VerifiableAddressStatus.PENDING,
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_identity_verifiable_addresses"
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["via", "value"], name="kratos_verifiable_unique")
        ]

    def __str__(self) -> str:
        return f"{self.via}:{self.value}"


class RecoveryAddress(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    identity = models.ForeignKey(
        Identity, on_delete=models.CASCADE, related_name="recovery_addresses"
    )
    value = models.CharField(max_length=400)
    via = models.CharField(max_length=16, choices=AddressVia.choices, default=AddressVia.EMAIL)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_identity_recovery_addresses"
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["via", "value"], name="kratos_recovery_unique")
        ]

    def __str__(self) -> str:
        return f"{self.via}:{self.value}"
