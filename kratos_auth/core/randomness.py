"""Every token and code comes from here, built on :mod:`secrets`."""

from __future__ import annotations

import secrets
import string

ALPHANUMERIC = string.ascii_letters + string.digits


def token(length: int = 32, alphabet: str = ALPHANUMERIC) -> str:
    """A random string of ``length`` characters drawn uniformly from ``alphabet``."""
    return "".join(secrets.choice(alphabet) for _ in range(length))


def digits(length: int = 6) -> str:
    """A random numeric code of exactly ``length`` digits (leading zeros kept)."""
    return token(length, string.digits)


def bytes_(length: int) -> bytes:
    """``length`` random bytes."""
    return secrets.token_bytes(length)
