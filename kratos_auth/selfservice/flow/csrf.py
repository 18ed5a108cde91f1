"""Anti-CSRF tokens for browser flows, in nosurf's format (what Kratos uses).

The browser holds a raw 32-byte token in the cookie ``csrf_token_<sha256(public base URL)>``
(standard base64). Forms carry a *masked* copy, ``base64(otp || otp XOR token)``, different
on every render so it cannot be recovered by compression side channels (BREACH). A flow
stores only ``sha256(token)``, binding it to the browser that started it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass

from kratos_auth.core import randomness

TOKEN_BYTES = 32
COOKIE_PREFIX = "csrf_token_"
# nosurf's MaxAge: one year.
COOKIE_MAX_AGE = 365 * 24 * 3600
HEADER_NAME = "X-CSRF-Token"
# Anything longer than a masked token is not one of ours: refuse before decoding.
_MAX_ENCODED = 128


def cookie_name(public_base_url: str) -> str:
    """Kratos's cookie name: ``csrf_token_`` + hex SHA-256 of the public base URL."""
    return COOKIE_PREFIX + hashlib.sha256(public_base_url.encode("utf-8")).hexdigest()


def new_token() -> bytes:
    return randomness.bytes_(TOKEN_BYTES)


def encode_cookie(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _decode(value: str | None) -> bytes | None:
    if not value or len(value) > _MAX_ENCODED:
        return None
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def decode_cookie(value: str | None) -> bytes | None:
    """The raw token held by a cookie value, or ``None`` when it is not one of ours."""
    raw = _decode(value)
    return raw if raw is not None and len(raw) == TOKEN_BYTES else None


def mask(raw: bytes) -> str:
    """A fresh masked copy of ``raw`` for a form (``csrf_token`` node)."""
    otp = randomness.bytes_(TOKEN_BYTES)
    return base64.b64encode(otp + bytes(a ^ b for a, b in zip(otp, raw, strict=True))).decode()


def unmask(sent: str | None) -> bytes | None:
    """The raw token behind a masked (or, as nosurf allows, unmasked) sent token."""
    data = _decode(sent)
    if data is None:
        return None
    if len(data) == 2 * TOKEN_BYTES:
        otp, masked = data[:TOKEN_BYTES], data[TOKEN_BYTES:]
        return bytes(a ^ b for a, b in zip(otp, masked, strict=True))
    if len(data) == TOKEN_BYTES:
        return data
    return None


def token_from_body(body: object) -> str | None:
    """The ``csrf_token`` field of a submitted body, if it is a string."""
    value = body.get("csrf_token") if isinstance(body, dict) else None
    return value if isinstance(value, str) else None


def token_hash(raw: bytes) -> str:
    """What a flow stores to recognise the browser's token."""
    return hashlib.sha256(raw).hexdigest()


def matches(raw: bytes | None, sent: str | None) -> bool:
    """Constant-time: does the sent (masked) token carry the cookie's raw token?"""
    candidate = unmask(sent)
    if raw is None or candidate is None:
        return False
    return hmac.compare_digest(raw, candidate)


def belongs_to(raw: bytes | None, stored_hash: str) -> bool:
    """Constant-time: was the flow started by the browser holding ``raw``?"""
    if raw is None or not stored_hash:
        return False
    return hmac.compare_digest(token_hash(raw), stored_hash)


@dataclass
class CsrfCookie:
    """The browser's raw token for this request; ``fresh`` when it must be (re)sent."""

    raw: bytes
    fresh: bool = False

    @classmethod
    def from_cookie(cls, value: str | None) -> CsrfCookie | None:
        raw = decode_cookie(value)
        return cls(raw) if raw is not None else None

    @classmethod
    def issue(cls) -> CsrfCookie:
        return cls(new_token(), fresh=True)

    def __repr__(self) -> str:
        return f"CsrfCookie(fresh={self.fresh})"
