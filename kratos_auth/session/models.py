"""Session store. Field names follow api.json's ``session`` and ``sessionDevice``.

Only a keyed hash of the session token is stored (``token_hash``, see ``session.tokens``): a
database dump alone cannot be turned into a working token. The logout token is never stored;
it is derived from the session token when needed.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models

from kratos_auth.core import clock
from kratos_auth.identity.models import AAL, Identity


class Session(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    identity = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="sessions")
    # HMAC-SHA256 (hex) of the token under the first token key; never the token itself.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(default=True)
    aal = models.CharField(max_length=8, choices=AAL.choices, default=AAL.AAL1)
    # [{"method": "password", "aal": "aal1", "completed_at": "...", "provider": "..."}]
    authentication_methods = models.JSONField(default=list, blank=True)
    issued_at = models.DateTimeField(default=clock.now)
    authenticated_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_sessions"
        # Keyset pagination walks (created_at DESC, id DESC); lists filter by identity.
        indexes = [
            models.Index(fields=["identity", "created_at"], name="kratos_session_identity"),
            models.Index(fields=["created_at", "id"], name="kratos_session_created"),
        ]

    def __str__(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<Session {self.id} active={self.active}>"

    def is_active_at(self, now: dt.datetime) -> bool:
        """Kratos's ``IsActive``: not revoked, not expired, and the identity is active."""
        if not self.active or self.expires_at <= now:
            return False
        return self.identity.is_active

    @property
    def is_active(self) -> bool:
        return self.is_active_at(clock.now())


class SessionDevice(models.Model):
    """Where a session was used: one row per device that issued or refreshed it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="devices")
    ip_address = models.CharField(max_length=64, null=True, blank=True)
    user_agent = models.CharField(max_length=512, null=True, blank=True)
    location = models.CharField(max_length=512, null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        app_label = "kratos_auth"
        db_table = "kratos_session_devices"
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.ip_address or '-'} {self.user_agent or ''}".strip()
