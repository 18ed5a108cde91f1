"""Rate limits per flow (per client IP and per identifier) and lockout per identity.

The API the flows call::

    from kratos_auth import ratelimit

    ratelimit.check("login", ip, identifier)           # raises RateLimited (429 + Retry-After)
    if ratelimit.is_locked(identity_id, identifier):   # same generic answer as a wrong password
        ...
    ratelimit.record_failure(identity_id, identifier, ip=ip)   # after a failed attempt
    ratelimit.reset(identity_id)                      # success, second factor, recovery

Rate limits count every attempt; lockout counts consecutive failures of one identity (or of
an identifier that matches none, so unknown accounts behave exactly like known ones).
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from enum import StrEnum
from typing import Any

from django.utils.crypto import salted_hmac

from kratos_auth.conf import config
from kratos_auth.errors import TooManyRequests
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.ratelimit import counters
from kratos_auth.ratelimit.proxy import rate_limit_key
from kratos_auth.text import ErrorId, reason

logger = logging.getLogger("kratos_auth.ratelimit")
FAILURE_MEMORY = 24 * 3600  # consecutive failures are forgotten after a quiet day


class Action(StrEnum):
    """What is limited; each has ``security.rate_limits.<action>.per_ip|per_identifier``."""

    LOGIN = "login"
    REGISTRATION = "registration"
    RECOVERY = "recovery"
    VERIFICATION = "verification"
    CODE_SENDING = "code_sending"


class RateLimited(TooManyRequests):
    """429 with ``Retry-After``. Says nothing about which limit (IP or identifier) was hit."""

    id = ErrorId.TOO_MANY_REQUESTS
    reason = reason(ErrorId.TOO_MANY_REQUESTS)

    def __init__(self, retry_after: int) -> None:
        super().__init__(details={"retry_after": retry_after})
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


def identifier_digest(identifier: str) -> str:
    """A keyed digest of a normalised identifier: keys in the cache never hold addresses."""
    normal = unicodedata.normalize("NFKC", identifier).strip().casefold()
    return salted_hmac("kratos_auth.ratelimit", normal, algorithm="sha256").hexdigest()[:32]


def _guarded(operation: str, default: Any, func: Any, *args: Any) -> Any:
    """Run a cache operation; when the cache is down, log it and let the request through."""
    try:
        return func(*args)
    except Exception as err:  # noqa: BLE001 - a broken cache must not break logins
        logger.error("rate limit cache unavailable during %s (%s)", operation, type(err).__name__)
        return default


def check(action: Action | str, ip: str | None, identifier: str | None = None) -> None:
    """Count one attempt of ``action`` by ``ip`` for ``identifier``; raise :class:`RateLimited`.

    Call it before any expensive work (hashing, sending). Limits of 0 are off, and so is
    everything when ``security.rate_limits.enabled`` is false.
    """
    action = Action(action)
    limits = config.security.rate_limits
    if not limits.enabled:
        return
    section = limits[str(action)]
    subjects = [("per_ip", rate_limit_key(ip))]
    if identifier:
        subjects.append(("per_identifier", identifier_digest(identifier)))
    retry = 0
    for bucket, subject in subjects:
        rule = section[bucket]
        if not rule.limit:
            continue
        window = rule.window.total_seconds()
        key = f"rl:{action}:{bucket}:{subject}"
        state = _guarded("check", None, counters.hit, key, rule.limit, window)
        if state is not None and state.exceeded:
            retry = max(retry, state.retry_after)
    if retry:
        event(SecurityEvent.RATE_LIMITED, action=str(action), ip=ip, retry_after=retry)
        raise RateLimited(retry)


def _subject(identity_id: uuid.UUID | str | None, identifier: str | None) -> str:
    if identity_id:
        return f"id:{identity_id}"
    if identifier:
        return f"identifier:{identifier_digest(identifier)}"
    return "anonymous"


def is_locked(identity_id: uuid.UUID | str | None = None, identifier: str | None = None) -> bool:
    """True while the identity (or, if unknown, the identifier) is locked out.

    The caller must answer exactly as for a wrong password, after the same amount of work.
    """
    if not config.security.lockout.enabled:
        return False
    key = f"{counters.KEY_PREFIX}lock:{_subject(identity_id, identifier)}"
    return bool(_guarded("lockout check", 0, counters.read, key))


def record_failure(
    identity_id: uuid.UUID | str | None = None,
    identifier: str | None = None,
    *,
    ip: str | None = None,
) -> bool:
    """Count a failed attempt; lock when ``security.lockout.max_failures`` is reached.

    Returns True if the subject is locked now. Attempts made while locked are not counted
    (the caller does not verify them), so a user retrying does not prolong the lock. Once a
    lock expires, every further failure locks again until a success resets the count.
    """
    lockout = config.security.lockout
    if not lockout.enabled:
        return False
    subject = _subject(identity_id, identifier)
    failures = _guarded(
        "failure count",
        0,
        counters.increment,
        f"{counters.KEY_PREFIX}fail:{subject}",
        FAILURE_MEMORY,
    )
    if failures < lockout.max_failures:
        return False
    duration = lockout.duration.total_seconds()
    _guarded(
        "lock",
        None,
        counters.cache().set,
        f"{counters.KEY_PREFIX}lock:{subject}",
        1,
        max(1, int(duration)),
    )
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
    subject = _subject(identity_id, identifier)
    _guarded(
        "reset",
        None,
        counters.delete,
        f"{counters.KEY_PREFIX}fail:{subject}",
        f"{counters.KEY_PREFIX}lock:{subject}",
    )
