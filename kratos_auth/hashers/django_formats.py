"""Django's own stored formats, so sites leaving ``django.contrib.auth`` keep their users'
passwords. Verify-only; a successful login rehashes them into Kratos's format.

* ``pbkdf2_sha256$<iterations>$<salt>$<b64 key>`` (and ``pbkdf2_sha1``)
* ``argon2$argon2id$v=19$m=,t=,p=$<salt>$<key>`` (argon2-cffi's string behind ``argon2``)
* ``bcrypt_sha256$$2b$<cost>$…`` (bcrypt of the SHA-256 hex digest) and ``bcrypt$$2b$…``
* ``scrypt$<N>$<salt>$<r>$<p>$<b64 key>``
* ``md5$<salt>$<hex digest>``
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable

from kratos_auth.hashers import argon2 as argon2_format
from kratos_auth.hashers import bcrypt as bcrypt_format
from kratos_auth.hashers.base import HashFormatError, verify_bytes
from kratos_auth.hashers.bounds import MAX_HASH_LENGTH, Bounds
from kratos_auth.hashers.guard import MemoryGuard
from kratos_auth.hashers.pbkdf2 import check_work
from kratos_auth.hashers.scrypt import ScryptCost, check_cost
from kratos_auth.hashers.scrypt import derive as scrypt_derive
from kratos_auth.hashers.settings import HasherSettings

PREFIXES = ("pbkdf2_sha256$", "pbkdf2_sha1$", "argon2$", "bcrypt_sha256$", "bcrypt$")
PREFIXES += ("scrypt$", "md5$")


def _int(text: str, what: str) -> int:
    if not text.isdigit() or len(text) > 10:
        raise HashFormatError(f"{what} must be a decimal number")
    return int(text)


def _ascii(text: str, what: str) -> str:
    if not text.isascii():
        raise HashFormatError(f"{what} must be ASCII")
    return text


class DjangoVerifier:
    """Every ``django.contrib.auth.hashers`` format above, picked by its ``<algorithm>$``."""

    algorithm = "django"

    def __init__(self, bounds: Bounds, guard: MemoryGuard, max_wait: float) -> None:
        self.bounds = bounds
        self.guard = guard
        self.max_wait = max_wait

    @classmethod
    def build(cls, settings: HasherSettings, guard: MemoryGuard) -> DjangoVerifier:
        return cls(settings.bounds, guard, settings.max_wait)

    def understands(self, hashed: str) -> bool:
        return hashed.startswith(PREFIXES)

    def parse(self, hashed: str) -> Callable[[str], bool]:
        """A check function of the password. Raises :class:`HashFormatError`."""
        if len(hashed) > MAX_HASH_LENGTH:
            raise HashFormatError("django hash is too long")
        algorithm, _, rest = hashed.partition("$")
        parser = {
            "pbkdf2_sha256": self._pbkdf2,
            "pbkdf2_sha1": self._pbkdf2,
            "argon2": self._argon2,
            "bcrypt_sha256": self._bcrypt,
            "bcrypt": self._bcrypt,
            "scrypt": self._scrypt,
            "md5": self._md5,
        }.get(algorithm)
        if parser is None:
            raise HashFormatError("unknown django hash algorithm")
        return parser(algorithm, rest)

    def validate(self, hashed: str) -> None:
        self.parse(hashed)

    def verify(self, password: str, hashed: str) -> bool:
        try:
            check = self.parse(hashed)
        except HashFormatError:
            return False
        return check(password)

    def _pbkdf2(self, algorithm: str, rest: str) -> Callable[[str], bool]:
        parts = rest.split("$")
        if len(parts) != 3:
            raise HashFormatError(f"{algorithm} hash must look like {algorithm}$iter$salt$key")
        digest = algorithm.removeprefix("pbkdf2_")
        iterations = _int(parts[0], "pbkdf2 iterations")
        salt, expected = parts[1], _ascii(parts[2], "pbkdf2 key")
        check_work(digest, iterations, hashlib.new(digest).digest_size, self.bounds)

        def check(password: str) -> bool:
            raw = verify_bytes(password)
            if raw is None:
                return False
            key = hashlib.pbkdf2_hmac(digest, raw, salt.encode(), iterations)
            return hmac.compare_digest(base64.b64encode(key).decode("ascii"), expected)

        return check

    def _argon2(self, algorithm: str, rest: str) -> Callable[[str], bool]:
        # Django drops the leading "$" of argon2-cffi's string: argon2$argon2id$v=19$…
        parsed = argon2_format.parse("$" + rest, self.bounds, version_optional=True)
        return lambda pw: argon2_format.matches(pw, parsed, self.guard, self.max_wait)

    def _bcrypt(self, algorithm: str, rest: str) -> Callable[[str], bool]:
        bcrypt_format.parse_cost(rest, self.bounds)

        def check(password: str) -> bool:
            raw = verify_bytes(password)
            if raw is None:
                return False
            if algorithm == "bcrypt_sha256":
                raw = hashlib.sha256(raw).hexdigest().encode("ascii")
            return bcrypt_format.check(raw, rest)

        return check

    def _scrypt(self, algorithm: str, rest: str) -> Callable[[str], bool]:
        parts = rest.split("$")
        if len(parts) != 5:
            raise HashFormatError("scrypt hash must look like scrypt$N$salt$r$p$key")
        cost = ScryptCost(_int(parts[0], "N"), _int(parts[2], "r"), _int(parts[3], "p"))
        check_cost(cost, self.bounds)
        salt, expected = parts[1], _ascii(parts[4], "scrypt key")

        def check(password: str) -> bool:
            raw = verify_bytes(password)
            if raw is None:
                return False
            key = scrypt_derive(raw, salt.encode(), cost, 64, self.guard, self.max_wait)
            return hmac.compare_digest(base64.b64encode(key).decode("ascii"), expected)

        return check

    def _md5(self, algorithm: str, rest: str) -> Callable[[str], bool]:
        salt, _, expected = rest.partition("$")
        if len(_ascii(expected, "md5 digest")) != 32:
            raise HashFormatError("md5 hash must look like md5$salt$<32 hex digits>")

        def check(password: str) -> bool:
            raw = verify_bytes(password)
            if raw is None:
                return False
            digest = hashlib.md5(salt.encode() + raw, usedforsecurity=False).hexdigest()
            return hmac.compare_digest(digest, expected)

        return check
