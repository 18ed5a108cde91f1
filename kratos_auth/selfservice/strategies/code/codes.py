"""Issuing and using one-time codes.

* A code is six random digits (``core.randomness``), stored as HMAC-SHA256 under a key
  derived from the first ``secrets.cookie`` secret; every configured secret is tried when
  checking, so rotating the secrets keeps codes in flight working (Kratos's rule).
* Sending a new code for a flow invalidates the codes sent before for it.
* Every submission first increments the flow's counter with an atomic update; past
  ``selfservice.methods.code.config.max_submissions`` the flow is dead whatever the code
  (Kratos's ``submit_count``), so parallel guessing gains nothing.
* A code is used with a conditional update (``used_at IS NULL``): of two simultaneous
  submissions of the right code, exactly one succeeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from kratos_auth.conf import config
from kratos_auth.core import clock, randomness
from kratos_auth.core.secret import Secret
from kratos_auth.selfservice.flow.errors import CodeSubmittedTooOften
from kratos_auth.selfservice.strategies.code.models import (
    CodeIssuer,
    CodeSubmissionCounter,
    OneTimeCode,
)
from kratos_auth.session import config as session_config

CODE_LENGTH = 6
MAX_CODE_LENGTH = 64
KEY_LABEL = b"kratos_auth/one-time-code/v1"


def _keys() -> list[bytes]:
    secrets = session_config.current().cookie_secrets
    return [hmac.new(s.encode("utf-8"), KEY_LABEL, hashlib.sha256).digest() for s in secrets]


def code_hash(code: str, purpose: str, flow_id: Any, key: bytes) -> str:
    message = f"{purpose}:{flow_id}:{code}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def lifespan() -> dt.timedelta:
    return config.selfservice.methods["code"].config.lifespan


def max_submissions() -> int:
    return int(config.selfservice.methods["code"].config.max_submissions or 5)


def issue(
    purpose: str,
    flow: Any,
    *,
    identity: Any = None,
    address: str = "",
    via: str = "",
    expires_in: dt.timedelta | None = None,
    issuer: str = CodeIssuer.SELF_SERVICE,
    usable: bool = True,
) -> Secret:
    """A fresh code for ``flow`` (earlier unused codes of the flow are dropped).

    ``usable=False`` makes a code that never succeeds: the unknown-address path calls this
    too, so both paths do the same work.
    """
    now = clock.now()
    code = randomness.digits(CODE_LENGTH)
    OneTimeCode.objects.filter(purpose=purpose, flow_id=flow.id, used_at__isnull=True).delete()
    OneTimeCode.objects.create(
        purpose=purpose,
        flow_id=flow.id,
        identity=identity,
        address=address[:400],
        via=via,
        code_hash=code_hash(code, purpose, flow.id, _keys()[0]),
        issuer=issuer,
        usable=usable,
        expires_at=now + (expires_in or lifespan()),
        created_at=now,
    )
    return Secret(code)


def _bump(purpose: str, flow: Any) -> int:
    """Count one submission to ``flow``; the new count (atomic per flow)."""
    counters = CodeSubmissionCounter.objects.filter(purpose=purpose, flow_id=flow.id)
    if not counters.update(submit_count=F("submit_count") + 1):
        try:
            with transaction.atomic():
                CodeSubmissionCounter.objects.create(
                    purpose=purpose, flow_id=flow.id, submit_count=1, expires_at=flow.expires_at
                )
        except IntegrityError:  # created by a concurrent submission meanwhile
            counters.update(submit_count=F("submit_count") + 1)
    return int(counters.values_list("submit_count", flat=True).first() or 0)


def use(
    purpose: str, flow: Any, submitted: str | None, *, identity_id: Any = None
) -> OneTimeCode | None:
    """The code row ``submitted`` stands for, now used; ``None`` when it is wrong, expired,
    already used or (with ``identity_id``) issued to someone else.

    Raises :class:`CodeSubmittedTooOften` once the flow had ``max_submissions`` tries.
    """
    if _bump(purpose, flow) > max_submissions():
        raise CodeSubmittedTooOften()
    code = (submitted or "").strip()
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    hashes = [code_hash(code, purpose, flow.id, key) for key in _keys()]
    now = clock.now()
    row = (
        OneTimeCode.objects.select_related("identity")
        .filter(purpose=purpose, flow_id=flow.id, code_hash__in=hashes, used_at__isnull=True)
        .first()
    )
    if row is None or not row.usable or row.expires_at <= now:
        return None
    if identity_id is not None and row.identity_id != identity_id:
        return None
    won = OneTimeCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now)
    if not won:
        return None
    row.used_at = now
    return row


def discard(purpose: str, flow: Any) -> None:
    """Drop the unused codes of ``flow`` (it was completed some other way)."""
    OneTimeCode.objects.filter(purpose=purpose, flow_id=flow.id, used_at__isnull=True).delete()
