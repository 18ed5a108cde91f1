"""Single-use secrets bound to one flow: one-time codes and link tokens.

A secret is stored only as HMAC-SHA256 of ``purpose:flow_id:secret`` under a key derived
from each ``secrets.cookie`` secret: the first one signs, every one is tried when checking,
so rotating the secrets keeps secrets in flight working (Kratos's rule). Issuing a new
secret drops the flow's unused ones; using one is a conditional update (``used_at IS
NULL``), so of two simultaneous submissions exactly one succeeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from django.db import models

from kratos_auth.core import clock
from kratos_auth.session import config as session_config


def derived_keys(label: bytes) -> list[bytes]:
    """One key per ``secrets.cookie`` secret, the signing one first."""
    secrets = session_config.current().cookie_secrets
    return [hmac.new(s.encode("utf-8"), label, hashlib.sha256).digest() for s in secrets]


def keyed_hash(value: str, purpose: str, flow_id: Any, key: bytes) -> str:
    return hmac.new(key, f"{purpose}:{flow_id}:{value}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class SingleUseStore:
    """Rows of ``model`` holding single-use secrets as a keyed hash in ``hash_field``."""

    model: type[models.Model]
    hash_field: str
    label: bytes
    max_length: int

    def issue(
        self,
        value: str,
        purpose: str,
        flow: Any,
        *,
        identity: Any,
        address: str,
        via: str,
        lifespan: dt.timedelta,
        usable: bool,
        **fields: Any,
    ) -> None:
        """Store ``value`` for ``flow``, dropping the flow's earlier unused secrets."""
        now = clock.now()
        self.discard(purpose, flow)
        self.model._default_manager.create(
            purpose=purpose,
            flow_id=flow.id,
            identity=identity,
            address=address[:400],
            via=via,
            **{self.hash_field: keyed_hash(value, purpose, flow.id, derived_keys(self.label)[0])},
            **fields,
            usable=usable,
            expires_at=now + lifespan,
            created_at=now,
        )

    def use(
        self, purpose: str, flow: Any, submitted: str | None, *, identity_id: Any = None
    ) -> Any:
        """The row ``submitted`` stands for, now used; ``None`` when it is wrong, expired,
        used, not usable or (with ``identity_id``) issued to someone else."""
        value = (submitted or "").strip()
        if not value or len(value) > self.max_length:
            return None
        hashes = [keyed_hash(value, purpose, flow.id, k) for k in derived_keys(self.label)]
        now = clock.now()
        rows = self.model._default_manager.filter(purpose=purpose, flow_id=flow.id)
        row = (
            rows.select_related("identity")
            .filter(**{f"{self.hash_field}__in": hashes}, used_at__isnull=True)
            .first()
        )
        if row is None or not row.usable or row.expires_at <= now:
            return None
        if identity_id is not None and row.identity_id != identity_id:
            return None
        won = self.model._default_manager.filter(pk=row.pk, used_at__isnull=True)
        if not won.update(used_at=now):
            return None
        row.used_at = now
        return row

    def discard(self, purpose: str, flow: Any) -> None:
        """Drop the unused secrets of ``flow``."""
        self.model._default_manager.filter(
            purpose=purpose, flow_id=flow.id, used_at__isnull=True
        ).delete()
