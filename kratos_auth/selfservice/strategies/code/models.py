"""One-time codes and the per-flow submission counters that cap guessing.

A code is stored only as a keyed hash (HMAC-SHA256 under a key derived from
``secrets.cookie``, bound to its purpose and flow), so a database dump reveals no code.
"""

from __future__ import annotations

import uuid

from django.db import models

from kratos_auth.core import clock
from kratos_auth.identity.models import Identity


class CodePurpose(models.TextChoices):
    RECOVERY = "recovery"
    VERIFICATION = "verification"
    LOGIN = "login"
    REGISTRATION = "registration"


class CodeIssuer(models.TextChoices):
    SELF_SERVICE = "self_service"
    ADMIN = "admin"


class OneTimeCode(models.Model):
    """A code sent for one flow (``identity`` is empty for sign-up codes). A code made on
    the unknown-address path, to do the same work as the known one, is not ``usable``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    purpose = models.CharField(max_length=16, choices=CodePurpose.choices)
    flow_id = models.UUIDField()
    identity = models.ForeignKey(
        Identity, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address = models.CharField(max_length=400, blank=True, default="")
    via = models.CharField(max_length=16, blank=True, default="")
    code_hash = models.CharField(max_length=64, editable=False)
    issuer = models.CharField(
        max_length=16, choices=CodeIssuer.choices, default=CodeIssuer.SELF_SERVICE
    )
    usable = models.BooleanField(default=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_codes"
        indexes = [models.Index(fields=["purpose", "flow_id"], name="kratos_code_flow")]

    def __str__(self) -> str:
        return f"{self.purpose} code {self.id}"


class CodeSubmissionCounter(models.Model):
    """How often codes were submitted to one flow (Kratos's ``submit_count``).

    Kept apart from the flow row so that saving a flow never writes back a stale count.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    purpose = models.CharField(max_length=16, choices=CodePurpose.choices)
    flow_id = models.UUIDField()
    submit_count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_code_submissions"
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "flow_id"], name="kratos_code_submissions_per_flow"
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} submissions of {self.flow_id}"
