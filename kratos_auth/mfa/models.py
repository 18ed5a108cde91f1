"""Single-use bookkeeping for second factors (beyond Kratos, which has none).

Neither table holds a secret: a TOTP step number, and a keyed digest of a used lookup code.
Both are written with atomic conditional statements, so two requests racing with the same
code cannot both succeed.
"""

from __future__ import annotations

import uuid

from django.db import models

from kratos_auth.core import clock
from kratos_auth.identity.models import Identity


class TotpStep(models.Model):
    """The last TOTP time step accepted for an identity: codes of this or an earlier step are
    refused (RFC 6238 §5.2, NIST SP 800-63B §5.1.4.2)."""

    identity = models.OneToOneField(
        Identity, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_used_step = models.BigIntegerField()
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_totp_steps"

    def __str__(self) -> str:
        return f"TOTP step {self.last_used_step}"


class LookupSecretUse(models.Model):
    """One used lookup code, by keyed digest: the unique constraint makes a code usable once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    identity = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_lookup_secret_uses"
        constraints = [
            models.UniqueConstraint(fields=["identity", "digest"], name="kratos_lookup_use_once")
        ]

    def __str__(self) -> str:
        return f"lookup code used at {self.used_at}"
