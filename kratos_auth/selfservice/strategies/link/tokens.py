"""Issuing and using link tokens: 32 random alphanumerics (about 190 bits), stored as a
keyed hash, valid for ``selfservice.methods.link.config.lifespan``, used at most once (a
conditional update decides between two simultaneous clicks)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from kratos_auth.conf import config
from kratos_auth.core import clock, randomness
from kratos_auth.core.secret import Secret
from kratos_auth.selfservice.strategies.link.models import LinkToken
from kratos_auth.session import config as session_config

TOKEN_LENGTH = 32
MAX_TOKEN_LENGTH = 128
KEY_LABEL = b"kratos_auth/link-token/v1"


def _keys() -> list[bytes]:
    secrets = session_config.current().cookie_secrets
    return [hmac.new(s.encode("utf-8"), KEY_LABEL, hashlib.sha256).digest() for s in secrets]


def token_hash(token: str, purpose: str, flow_id: Any, key: bytes) -> str:
    return hmac.new(key, f"{purpose}:{flow_id}:{token}".encode(), hashlib.sha256).hexdigest()


def lifespan() -> dt.timedelta:
    return config.selfservice.methods["link"].config.lifespan


def issue(
    purpose: str,
    flow: Any,
    *,
    identity: Any = None,
    address: str = "",
    via: str = "",
    expires_in: dt.timedelta | None = None,
    by_admin: bool = False,
    usable: bool = True,
) -> Secret:
    """A fresh token for ``flow`` (earlier unused tokens of the flow are dropped)."""
    now = clock.now()
    token = randomness.token(TOKEN_LENGTH)
    LinkToken.objects.filter(purpose=purpose, flow_id=flow.id, used_at__isnull=True).delete()
    LinkToken.objects.create(
        purpose=purpose,
        flow_id=flow.id,
        identity=identity,
        address=address[:400],
        via=via,
        token_hash=token_hash(token, purpose, flow.id, _keys()[0]),
        issued_by_admin=by_admin,
        usable=usable,
        expires_at=now + (expires_in or lifespan()),
        created_at=now,
    )
    return Secret(token)


def use(purpose: str, flow: Any, submitted: str | None) -> LinkToken | None:
    """The token row, now used; ``None`` if wrong, expired, used or not usable."""
    token = (submitted or "").strip()
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    hashes = [token_hash(token, purpose, flow.id, key) for key in _keys()]
    now = clock.now()
    row = (
        LinkToken.objects.select_related("identity")
        .filter(purpose=purpose, flow_id=flow.id, token_hash__in=hashes, used_at__isnull=True)
        .first()
    )
    if row is None or not row.usable or row.expires_at <= now:
        return None
    if not LinkToken.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        return None
    row.used_at = now
    return row
