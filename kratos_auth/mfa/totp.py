"""TOTP (RFC 6238) keys, ``otpauth://`` URLs, verification and replay protection.

Codes are computed with django-otp's HOTP (``django_otp.oath.hotp``) for SHA-1 keys, the
algorithm every authenticator app uses; SHA-256/512 keys (allowed in imported
``otpauth://`` URLs) use the same truncation with another digest. A code is checked against
the current time step and one step either side, in constant time. Unlike Kratos, an
accepted code is then *consumed*: :func:`consume_step` records the step with an atomic
conditional update, so the same (or an older) code is refused afterwards, also when two
requests race.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import struct
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from django.db import IntegrityError, transaction
from django_otp.oath import hotp as django_otp_hotp

from kratos_auth.core import clock, randomness
from kratos_auth.core.secret import Secret
from kratos_auth.mfa.models import TotpStep

# RFC 4226 §4 recommends a 160-bit shared secret (what Kratos generates).
SECRET_BYTES = 20
PERIOD = 30
DIGITS = 6
# One step either side (±30 s) for clock drift.
TOLERANCE = 1
_DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


class InvalidTotpUrl(ValueError):
    """A stored or imported ``otpauth://`` URL cannot be used."""


@dataclass(frozen=True, repr=False)
class TotpKey:
    """A TOTP key. ``secret`` is the raw shared secret; never shown by ``repr``."""

    secret: Secret
    issuer: str = ""
    account_name: str = ""
    algorithm: str = "SHA1"
    digits: int = DIGITS
    period: int = PERIOD

    def __repr__(self) -> str:
        return f"<TotpKey issuer={self.issuer!r} digits={self.digits} period={self.period}>"

    @property
    def raw(self) -> bytes:
        value = self.secret.reveal()
        return value if isinstance(value, bytes) else value.encode()

    @property
    def base32(self) -> str:
        """The secret as authenticator apps show it (RFC 4648 base32, no padding)."""
        return base64.b32encode(self.raw).decode("ascii").rstrip("=")

    def url(self) -> str:
        """The ``otpauth://totp/`` URL (Google Authenticator key URI format)."""
        raw = f"{self.issuer}:{self.account_name}" if self.issuer else self.account_name
        label = quote(raw, safe=":@")  # as Go's URL path escaping (pquerna/otp) writes it
        query = {
            "algorithm": self.algorithm,
            "digits": str(self.digits),
            "issuer": self.issuer,
            "period": str(self.period),
            "secret": self.base32,
        }
        if not self.issuer:
            query.pop("issuer")
        return f"otpauth://totp/{label}?{urlencode(query, quote_via=quote)}"


def new_key(account_name: str, issuer: str) -> TotpKey:
    """A fresh key with a 160-bit random secret, 6 digits and 30-second steps."""
    return TotpKey(Secret(randomness.bytes_(SECRET_BYTES)), issuer, account_name)


def _b32decode(text: str) -> bytes:
    cleaned = text.strip().replace(" ", "").upper()
    try:
        return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError) as err:
        raise InvalidTotpUrl("secret is not base32") from err


def parse_url(url: str) -> TotpKey:
    """The key held by an ``otpauth://totp/`` URL; raises :class:`InvalidTotpUrl`."""
    parts = urlsplit(url or "")
    if parts.scheme != "otpauth" or parts.netloc != "totp":
        raise InvalidTotpUrl("not an otpauth://totp/ URL")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    secret = _b32decode(query.get("secret", ""))
    if len(secret) < 10:
        raise InvalidTotpUrl("secret too short")
    algorithm = query.get("algorithm", "SHA1").upper()
    try:
        digits = int(query.get("digits", DIGITS))
        period = int(query.get("period", PERIOD))
    except ValueError as err:
        raise InvalidTotpUrl("digits or period is not a number") from err
    if algorithm not in _DIGESTS or digits not in (6, 7, 8) or not 1 <= period <= 300:
        raise InvalidTotpUrl("unsupported parameters")
    label = unquote(parts.path.lstrip("/"))
    issuer, _, account = label.rpartition(":")
    return TotpKey(
        Secret(secret),
        query.get("issuer", issuer),
        account,
        algorithm,
        digits,
        period,
    )


def hotp(key: TotpKey, counter: int) -> str:
    """The HOTP code of ``key`` for ``counter``, zero-padded to ``key.digits``."""
    if key.algorithm == "SHA1":
        value = django_otp_hotp(key.raw, counter, key.digits)
    else:  # the same dynamic truncation (RFC 4226 §5.3) with another digest
        digest = hmac.new(key.raw, struct.pack(">Q", counter), _DIGESTS[key.algorithm]).digest()
        offset = digest[-1] & 0x0F
        value = (int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF) % (10**key.digits)
    return str(value).zfill(key.digits)


def step_at(key: TotpKey, now: dt.datetime) -> int:
    return int(now.timestamp()) // key.period


def code_at(key: TotpKey, now: dt.datetime) -> str:
    """The code an authenticator app shows at ``now``."""
    return hotp(key, step_at(key, now))


def normalize_code(code: object) -> str:
    """The submitted code without spaces; ``""`` when it is not text."""
    return "".join(str(code).split()) if isinstance(code, str | int) else ""


def matching_step(key: TotpKey, code: str, now: dt.datetime | None = None) -> int | None:
    """The time step (within ±:data:`TOLERANCE`) whose code is ``code``, else ``None``.

    Every candidate is compared, in constant time, whatever matched before.
    """
    now = now or clock.now()
    submitted = normalize_code(code)
    if len(submitted) != key.digits or not submitted.isascii() or not submitted.isdigit():
        return None
    current = step_at(key, now)
    found = None
    for step in range(current - TOLERANCE, current + TOLERANCE + 1):
        if hmac.compare_digest(hotp(key, step).encode(), submitted.encode()):
            found = step
    return found


def consume_step(identity_id: object, step: int, now: dt.datetime | None = None) -> bool:
    """Record ``step`` as used for the identity; ``False`` when it (or a later one) was.

    A conditional ``UPDATE ... WHERE last_used_step < step`` decides; the first use ever
    inserts the row, and a racing insert falls back to the conditional update.
    """
    now = now or clock.now()
    for _ in range(2):
        updated = TotpStep.objects.filter(identity_id=identity_id, last_used_step__lt=step).update(
            last_used_step=step, updated_at=now
        )
        if updated:
            return True
        if TotpStep.objects.filter(identity_id=identity_id).exists():
            return False
        try:
            with transaction.atomic():
                TotpStep.objects.create(
                    identity_id=identity_id, last_used_step=step, updated_at=now
                )
            return True
        except IntegrityError:
            continue  # another request inserted first: its step decides on the next round
    return False


def forget_steps(identity_id: object) -> None:
    """Drop the replay state (the TOTP key was removed or replaced)."""
    TotpStep.objects.filter(identity_id=identity_id).delete()
