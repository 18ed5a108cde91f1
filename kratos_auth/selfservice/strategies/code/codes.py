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
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from kratos_auth.conf import config
from kratos_auth.core import randomness
from kratos_auth.core.secret import Secret
from kratos_auth.selfservice.flow import single_use
from kratos_auth.selfservice.flow.errors import CodeSubmittedTooOften
from kratos_auth.selfservice.strategies.code.models import (
    CodeIssuer,
    CodeSubmissionCounter,
    OneTimeCode,
)

CODE_LENGTH = 6
MAX_CODE_LENGTH = 64
KEY_LABEL = b"kratos_auth/one-time-code/v1"
_store = single_use.SingleUseStore(OneTimeCode, "code_hash", KEY_LABEL, MAX_CODE_LENGTH)


def _keys() -> list[bytes]:
    return single_use.derived_keys(KEY_LABEL)


def code_hash(code: str, purpose: str, flow_id: Any, key: bytes) -> str:
    return single_use.keyed_hash(code, purpose, flow_id, key)


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
    code = randomness.digits(CODE_LENGTH)
    _store.issue(
        code,
        purpose,
        flow,
        identity=identity,
        address=address,
        via=via,
        lifespan=expires_in or lifespan(),
        usable=usable,
        issuer=issuer,
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
    row: OneTimeCode | None = _store.use(purpose, flow, submitted, identity_id=identity_id)
    return row


def discard(purpose: str, flow: Any) -> None:
    """Drop the unused codes of ``flow`` (it was completed some other way)."""
    _store.discard(purpose, flow)
