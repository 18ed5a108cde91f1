"""Lookup secrets (backup recovery codes): generation, constant-time matching, single use.

Codes look like Kratos's (12 codes of 8 characters from ``a-z0-9``, about 41 bits each) and
live in the ``lookup_secret`` credential's config, which is encrypted at rest like every
credential config, so they can be revealed again as Kratos allows. A submitted code is
compared with every stored code in constant time (no early exit). A code is spent by
inserting a keyed digest of it into ``kratos_lookup_secret_uses`` under a unique
constraint: of two logins racing with the same code, exactly one insert succeeds. The
``used_at`` of the code in the credential config is then set for display (Kratos's shape).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from kratos_auth.conf import config
from kratos_auth.core import clock, randomness
from kratos_auth.mfa.models import LookupSecretUse

JSON = Any
CODE_COUNT = 12
CODE_LENGTH = 8
ALPHABET = string.ascii_lowercase + string.digits
# Longer input is not a code of ours: refuse before comparing.
MAX_SUBMITTED = 64
_DIGEST_LABEL = b"kratos_auth/lookup-secret-use/v1"


class Match(Enum):
    """The outcome of matching a submitted code."""

    VALID = "valid"
    USED = "used"
    INVALID = "invalid"


@dataclass(frozen=True)
class Found:
    match: Match
    index: int = -1


def generate(count: int = CODE_COUNT) -> list[dict[str, JSON]]:
    """Fresh codes in the credential config's shape: ``[{"code": "...", "used_at": None}]``."""
    return [
        {"code": randomness.token(CODE_LENGTH, ALPHABET), "used_at": None} for _ in range(count)
    ]


def codes_of(credential_config: Mapping[str, JSON] | None) -> list[dict[str, JSON]]:
    raw = (credential_config or {}).get("recovery_codes")
    return [c for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []


def normalize(code: object) -> str:
    return "".join(str(code).split()).lower() if isinstance(code, str) else ""


def _keys() -> Sequence[bytes]:
    # Kratos's rotation rule: the first secret writes, every secret is checked.
    secrets = tuple(config.secrets.default or ()) or (settings.SECRET_KEY,)
    return [hmac.new(s.encode(), _DIGEST_LABEL, hashlib.sha256).digest() for s in secrets]


def digest(identity_id: object, code: str, key: bytes | None = None) -> str:
    """A keyed digest of ``code`` for ``identity_id``: a dump of the use table reveals no code."""
    key = key if key is not None else _keys()[0]
    return hmac.new(key, f"{identity_id}:{code}".encode(), hashlib.sha256).hexdigest()


def find(codes: Iterable[Mapping[str, JSON]], submitted: str) -> Found:
    """Compare ``submitted`` with every code in constant time; used codes say so."""
    candidate = normalize(submitted)[:MAX_SUBMITTED].encode()
    found = Found(Match.INVALID)
    for index, entry in enumerate(codes):
        stored = str(entry.get("code") or "").encode()
        if hmac.compare_digest(stored, candidate) and stored:
            used = entry.get("used_at") is not None
            found = Found(Match.USED if used else Match.VALID, index)
    return found


def spend(identity_id: object, code: str, now: dt.datetime | None = None) -> bool:
    """Mark ``code`` used; ``False`` when it already was (by any request, under any key)."""
    code = normalize(code)
    keys = _keys()
    digests = [digest(identity_id, code, k) for k in keys]
    if LookupSecretUse.objects.filter(identity_id=identity_id, digest__in=digests).exists():
        return False
    try:
        with transaction.atomic():
            LookupSecretUse.objects.create(
                identity_id=identity_id, digest=digests[0], used_at=now or clock.now()
            )
    except IntegrityError:
        return False
    return True


def forget(identity_id: object) -> None:
    """Drop the use records (the codes were regenerated or disabled)."""
    LookupSecretUse.objects.filter(identity_id=identity_id).delete()


def mark_used(
    codes: Sequence[Mapping[str, JSON]], index: int, now: dt.datetime
) -> list[dict[str, JSON]]:
    """A copy of ``codes`` with the code at ``index`` marked used (Kratos's ``used_at``)."""
    updated = [dict(c) for c in codes]
    updated[index]["used_at"] = now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return updated


def unused_count(codes: Iterable[Mapping[str, JSON]]) -> int:
    return sum(1 for c in codes if c.get("used_at") is None)
