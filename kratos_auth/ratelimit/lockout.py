"""Lockout after consecutive failed logins (``security.lockout.*``).

The subject is the identity when the identifier matched one, else the normalised
identifier itself, so an unknown account locks exactly like a known one and a locked account
reveals nothing. After ``max_failures`` consecutive failures the subject is locked for
``duration``; attempts while locked are answered like a wrong password and not counted (a
user retrying does not prolong the lock). Once the lock ends, the count is still at the
maximum, so each further failure locks again: an attacker gets one guess per ``duration``,
the real user gets in with the right password (or through recovery) and the count resets.

Lock ends are stored as timestamps from ``core.clock`` (the cache's expiry only cleans up).
"""

from __future__ import annotations

import uuid
from typing import Any

from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.ratelimit import counters
from kratos_auth.ratelimit.service import guarded, identifier_digest

FAILURE_MEMORY = 24 * 3600  # consecutive failures are forgotten after a day without one


def _subject(identity_id: uuid.UUID | str | None, identifier: str | None) -> str:
    if identity_id:
        return f"id:{identity_id}"
    if identifier:
        return f"identifier:{identifier_digest(identifier)}"
    return "anonymous"


def _keys(subject: str) -> tuple[str, str]:
    return f"{counters.KEY_PREFIX}fail:{subject}", f"{counters.KEY_PREFIX}lock:{subject}"


def is_locked(identity_id: uuid.UUID | str | None = None, identifier: str | None = None) -> bool:
    """True while the identity (or, if unknown, the identifier) is locked out.

    The caller must answer exactly as for a wrong password, after the same amount of work.
    """
    if not config.security.lockout.enabled:
        return False
    _, lock_key = _keys(_subject(identity_id, identifier))
    until = guarded("lockout check", None, counters.cache().get, lock_key)
    return until is not None and float(until) > clock.now().timestamp()


def record_failure(
    identity_id: uuid.UUID | str | None = None,
    identifier: str | None = None,
    *,
    ip: str | None = None,
) -> bool:
    """Count a failed attempt; lock when ``security.lockout.max_failures`` is reached.

    Returns True if the subject is locked now (and logs a ``identity_locked_out`` event).
    """
    lockout = config.security.lockout
    if not lockout.enabled:
        return False
    fail_key, lock_key = _keys(_subject(identity_id, identifier))
    failures = guarded("failure count", 0, counters.increment, fail_key, FAILURE_MEMORY)
    guarded("failure memory", None, counters.cache().touch, fail_key, FAILURE_MEMORY)
    if failures < lockout.max_failures:
        return False
    duration = lockout.duration.total_seconds()
    until = clock.now().timestamp() + duration
    guarded("lock", None, counters.cache().set, lock_key, until, int(duration) + 60)
    event(
        SecurityEvent.LOCKOUT,
        identity_id=identity_id,
        ip=ip,
        failures=failures,
        locked_seconds=int(duration),
    )
    return True


def reset(identity: Any = None, identifier: str | None = None) -> None:
    """Clear failures and lock of an identity (object or id) or of an identifier.

    Called after a successful login, a successful second factor and a used recovery.
    """
    identity_id = getattr(identity, "id", identity)
    guarded("reset", None, counters.delete, *_keys(_subject(identity_id, identifier)))
