"""The password policy (``selfservice.methods.password.config``), Kratos's rules:

* ``min_password_length`` (default 8) - counted in Unicode characters, not UTF-8 bytes as
  Kratos counts (``"äöü…"`` is as long as it looks) -> 4000032;
* :data:`MAX_PASSWORD_LENGTH` characters / :data:`MAX_PASSWORD_BYTES` bytes at most, checked
  before anything is hashed -> 4000033;
* ``identifier_similarity_check_enabled`` - refused when the Levenshtein distance to an
  identifier is below 5, or a common substring is longer than half the password (both
  compared lowercased) -> 4000031;
* ``haveibeenpwned_enabled`` - refused when seen in more than ``max_breaches`` breaches
  -> 4000034; lookup failures pass when ``ignore_network_errors`` (default), else 4000005.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from kratos_auth import hashers
from kratos_auth.conf import config
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.strategies.password import hibp
from kratos_auth.text import MessageId
from kratos_auth.text import flows as flow_text

logger = logging.getLogger("kratos_auth.selfservice.password")

MAX_PASSWORD_LENGTH = 1024
MAX_PASSWORD_BYTES = 4096
MIN_DISTANCE = 5
MAX_SUBSTRING_SHARE = 0.5
PASSWORD_NODE = "password"


def check_size(password: str) -> None:
    """Refuse absurdly long passwords cheaply (4000033), before any hashing."""
    if len(password) > MAX_PASSWORD_LENGTH or len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise FlowValidation.on(
            PASSWORD_NODE,
            MessageId.ERROR_VALIDATION_PASSWORD_TOO_LONG,
            max_length=MAX_PASSWORD_LENGTH,
            actual_length=len(password),
        )


def hash_new(password: str) -> str:
    """The hash to store for an accepted new password; the "too long" message when the
    configured hasher refuses it."""
    try:
        return hashers.hash_password(password)
    except hashers.PasswordTooLong as err:
        raise FlowValidation.on(
            PASSWORD_NODE,
            MessageId.ERROR_VALIDATION_PASSWORD_TOO_LONG,
            max_length=err.max_bytes,
            actual_length=err.actual_bytes,
        ) from err


def levenshtein_below(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance of ``a`` and ``b`` is below ``limit`` (banded, cheap)."""
    if abs(len(a) - len(b)) >= limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [limit] * len(b)
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            cost = 0 if ca == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if min(current) >= limit:
            return False
        previous = current
    return previous[len(b)] < limit


def shares_long_substring(identifier: str, password: str) -> bool:
    """Kratos's ``lcs / len(password) > 0.5``: a common substring longer than half."""
    needed = int(len(password) * MAX_SUBSTRING_SHARE) + 1
    if needed > len(identifier) or needed > len(password):
        return False
    return any(password[i : i + needed] in identifier for i in range(len(password) - needed + 1))


def too_similar(identifier: str, password: str) -> bool:
    ident, secret = identifier.lower(), password.lower()
    if not ident or not secret:
        return False
    return levenshtein_below(ident, secret, MIN_DISTANCE) or shares_long_substring(ident, secret)


def validate(password: str, identifiers: Iterable[str]) -> None:
    """Raise :class:`FlowValidation` on the ``password`` node unless the policy allows it."""
    settings = config.selfservice.methods.password.config
    check_size(password)
    minimum = int(settings.min_password_length or 8)
    if len(password) < minimum:
        raise FlowValidation.on(
            PASSWORD_NODE,
            MessageId.ERROR_VALIDATION_PASSWORD_MIN_LENGTH,
            min_length=minimum,
            actual_length=len(password),
        )
    if settings.identifier_similarity_check_enabled:
        if any(too_similar(i, password) for i in identifiers):
            raise FlowValidation.on(PASSWORD_NODE, MessageId.ERROR_VALIDATION_IDENTIFIER_SIMILAR)
    if settings.haveibeenpwned_enabled:
        _check_breaches(password, settings)


def _check_breaches(password: str, settings: object) -> None:
    host = str(getattr(settings, "haveibeenpwned_host", None) or "api.pwnedpasswords.com")
    try:
        count = hibp.breaches(password, host)
    except hibp.HibpUnavailable as err:
        if getattr(settings, "ignore_network_errors", True):
            logger.warning("HaveIBeenPwned lookup failed, ignored: %s", err)
            return
        raise FlowValidation.on(
            PASSWORD_NODE,
            MessageId.ERROR_VALIDATION_PASSWORD_POLICY_VIOLATION,
            reason=flow_text.PASSWORD_BREACH_CHECK_FAILED,
        ) from err
    if count > int(getattr(settings, "max_breaches", 0) or 0):
        raise FlowValidation.on(
            PASSWORD_NODE, MessageId.ERROR_VALIDATION_PASSWORD_BREACHED, breaches=count
        )
