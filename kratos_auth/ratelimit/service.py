"""Rate limits per flow: per client IP and per identifier (lockout is in ``lockout.py``).

Every attempt counts (rejected ones too, so a client that keeps hammering stays limited).
Call :func:`check` before any expensive work (hashing, breached-password lookups, sending).
"""

from __future__ import annotations

import logging
import unicodedata
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


def guarded(operation: str, default: Any, func: Any, *args: Any) -> Any:
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
    subjects = []
    ip_key = rate_limit_key(ip)
    if ip_key is not None:  # no address (a Unix socket without a trusted proxy): no IP bucket
        subjects.append(("per_ip", ip_key))
    if identifier:
        subjects.append(("per_identifier", identifier_digest(identifier)))
    retry = 0
    for bucket, subject in subjects:
        rule = section[bucket]
        window = rule.window.total_seconds()
        if not rule.limit or window <= 0:
            continue
        key = f"rl:{action}:{bucket}:{subject}"
        state = guarded("check", None, counters.hit, key, rule.limit, window)
        if state is not None and state.exceeded:
            retry = max(retry, state.retry_after)
    if retry:
        event(SecurityEvent.RATE_LIMITED, action=str(action), ip=ip, retry_after=retry)
        raise RateLimited(retry)
