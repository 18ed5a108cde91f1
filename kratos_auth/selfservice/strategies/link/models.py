"""One-time link tokens for recovery and verification links.

A token is stored only as a keyed hash (HMAC-SHA256 under a key derived from
``secrets.cookie``, bound to its purpose and flow).
"""

from __future__ import annotations

import uuid

from django.db import models

from kratos_auth.core import clock
from kratos_auth.identity.models import Identity


class LinkPurpose(models.TextChoices):
    RECOVERY = "recovery"
    VERIFICATION = "verification"


class LinkToken(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    purpose = models.CharField(max_length=16, choices=LinkPurpose.choices)
    flow_id = models.UUIDField()
    identity = models.ForeignKey(
        Identity, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address = models.CharField(max_length=400, blank=True, default="")
    via = models.CharField(max_length=16, blank=True, default="")
    token_hash = models.CharField(max_length=64, editable=False)
    issued_by_admin = models.BooleanField(default=False)
    usable = models.BooleanField(default=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_selfservice_link_tokens"
        indexes = [models.Index(fields=["purpose", "flow_id"], name="kratos_link_token_flow")]

    def __str__(self) -> str:
        return f"{self.purpose} link {self.id}"
