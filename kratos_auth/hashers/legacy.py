"""Fast digests Kratos imports: MD5, salted SHA with a pattern, LDAP {SSHA}, HMAC. Verify-only.

Each stays as Kratos reads it:

* ``$md5$<b64 digest>`` or ``$md5$pf=<b64 pattern>$<b64 salt>$<b64 digest>``
* ``$sha1$``/``$sha256$``/``$sha512$`` + ``pf=<b64 pattern>$<b64 salt>$<b64 digest>``
  (the pattern's ``{SALT}`` and ``{PASSWORD}`` are replaced in one pass)
* ``{SSHA}``/``{SSHA256}``/``{SSHA512}`` + base64(digest + salt)
* ``$hmac-<md4|md5|sha1|sha224|sha256|sha384|sha512>$<b64 of the hex MAC>$<b64 key>``

These are cheap to compute, so no cost bound applies beyond the hash length. A login
rehashes them with the configured algorithm.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from typing import Any

from kratos_auth.hashers.base import HashFormatError, verify_bytes
from kratos_auth.hashers.bounds import MAX_HASH_LENGTH
from kratos_auth.hashers.encoding import b64decode_lenient, b64decode_padded
from kratos_auth.hashers.guard import MemoryGuard
from kratos_auth.hashers.md4 import MD4
from kratos_auth.hashers.settings import HasherSettings

_PLACEHOLDERS = re.compile(rb"\{SALT\}|\{PASSWORD\}")
_PATTERN = re.compile(r"pf=(\S+)")
_HMAC_DIGESTS: dict[str, Any] = {
    "md4": MD4,
    "md5": hashlib.md5,
    "sha1": hashlib.sha1,
    "sha224": hashlib.sha224,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}
_SSHA = {"SSHA": ("sha1", 20), "SSHA256": ("sha256", 32), "SSHA512": ("sha512", 64)}


def apply_pattern(pattern: bytes, salt: bytes, password: bytes) -> bytes:
    """Go's ``strings.NewReplacer("{SALT}", salt, "{PASSWORD}", password)``: one pass."""
    return _PLACEHOLDERS.sub(lambda m: salt if m.group(0) == b"{SALT}" else password, pattern)


def parse_pattern(field: str, what: str) -> bytes:
    """The ``pf=<base64>`` field (Go's ``Sscanf("pf=%s")``)."""
    match = _PATTERN.match(field)
    if not match:
        raise HashFormatError(f"{what} hash needs a pattern field pf=<base64>")
    return b64decode_padded(match.group(1), f"{what} pattern")


class _LegacyVerifier:
    """Shared plumbing: ``parse`` returns a function of the password bytes to a bool."""

    algorithm = ""

    @classmethod
    def build(cls, settings: HasherSettings, guard: MemoryGuard) -> _LegacyVerifier:
        return cls()

    def parse(self, hashed: str) -> Callable[[bytes], bool]:
        raise NotImplementedError

    def _checked_parse(self, hashed: str) -> Callable[[bytes], bool]:
        if len(hashed) > MAX_HASH_LENGTH:
            raise HashFormatError(f"{self.algorithm} hash is too long")
        return self.parse(hashed)

    def validate(self, hashed: str) -> None:
        self._checked_parse(hashed)

    def verify(self, password: str, hashed: str) -> bool:
        raw = verify_bytes(password)
        try:
            check = self._checked_parse(hashed)
        except HashFormatError:
            return False
        return raw is not None and check(raw)


class Md5Verifier(_LegacyVerifier):
    """``$md5$…`` plain or with a salting pattern."""

    algorithm = "md5"

    def understands(self, hashed: str) -> bool:
        return hashed.startswith("$md5$")

    def parse(self, hashed: str) -> Callable[[bytes], bool]:
        parts = hashed.split("$")
        if len(parts) == 3:
            digest = b64decode_padded(parts[2], "md5 digest")
            pattern = salt = None
        elif len(parts) == 5:
            pattern = parse_pattern(parts[2], "md5")
            salt = b64decode_padded(parts[3], "md5 salt")
            digest = b64decode_padded(parts[4], "md5 digest")
        else:
            raise HashFormatError("md5 hash must be $md5$<digest> or $md5$pf=$salt$digest")
        if len(digest) != 16:
            raise HashFormatError("md5 digest must be 16 bytes")

        def check(password: bytes) -> bool:
            data = password if pattern is None else apply_pattern(pattern, salt or b"", password)
            return hmac.compare_digest(hashlib.md5(data, usedforsecurity=False).digest(), digest)

        return check


class ShaVerifier(_LegacyVerifier):
    """``$sha1$``, ``$sha256$``, ``$sha512$`` with a salting pattern."""

    algorithm = "sha"

    def understands(self, hashed: str) -> bool:
        return bool(re.match(r"\$sha(1|256|512)\$", hashed))

    def parse(self, hashed: str) -> Callable[[bytes], bool]:
        parts = hashed.split("$")
        if len(parts) != 5 or parts[1] not in ("sha1", "sha256", "sha512"):
            raise HashFormatError("sha hash must look like $sha256$pf=<pattern>$<salt>$<digest>")
        name = parts[1]
        pattern = parse_pattern(parts[2], name)
        salt = b64decode_padded(parts[3], f"{name} salt")
        digest = b64decode_padded(parts[4], f"{name} digest")
        if len(digest) != hashlib.new(name).digest_size:
            raise HashFormatError(f"{name} digest has the wrong length")

        def check(password: bytes) -> bool:
            data = apply_pattern(pattern, salt, password)
            computed = hashlib.new(name, data, usedforsecurity=False).digest()
            return hmac.compare_digest(computed, digest)

        return check


class SshaVerifier(_LegacyVerifier):
    """LDAP's ``{SSHA}``, ``{SSHA256}``, ``{SSHA512}``: base64(digest || salt)."""

    algorithm = "ssha"

    def understands(self, hashed: str) -> bool:
        return bool(re.match(r"\{SSHA(256|512)?\}", hashed))

    def parse(self, hashed: str) -> Callable[[bytes], bool]:
        label = hashed[1 : hashed.find("}")]
        if label not in _SSHA:
            raise HashFormatError("ssha hash must start with {SSHA}, {SSHA256} or {SSHA512}")
        name, size = _SSHA[label]
        decoded = b64decode_lenient(hashed[len(label) + 2 :], "ssha value")
        if len(decoded) < size + 1:
            raise HashFormatError("ssha value is too short to hold a digest and a salt")
        digest, salt = decoded[:size], decoded[size:]

        def check(password: bytes) -> bool:
            computed = hashlib.new(name, password + salt, usedforsecurity=False).digest()
            return hmac.compare_digest(computed, digest)

        return check


class HmacVerifier(_LegacyVerifier):
    """``$hmac-<digest>$<b64 of the lowercase hex MAC>$<b64 key>``."""

    algorithm = "hmac"

    def understands(self, hashed: str) -> bool:
        return bool(re.match(r"\$hmac-(md4|md5|sha1|sha224|sha256|sha384|sha512)\$", hashed))

    def parse(self, hashed: str) -> Callable[[bytes], bool]:
        parts = hashed.split("$")
        name = parts[1].removeprefix("hmac-") if len(parts) > 1 else ""
        if len(parts) != 4 or name not in _HMAC_DIGESTS:
            raise HashFormatError("hmac hash must look like $hmac-sha256$<mac>$<key>")
        expected = b64decode_padded(parts[2], "hmac value")
        key = b64decode_padded(parts[3], "hmac key")
        if not expected:
            raise HashFormatError("hmac value is empty")
        digest = _HMAC_DIGESTS[name]

        def check(password: bytes) -> bool:
            computed = hmac.new(key, password, digest).hexdigest().encode("ascii")
            return hmac.compare_digest(computed, expected)

        return check
