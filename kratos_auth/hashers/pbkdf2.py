"""PBKDF2 as Kratos imports it: ``$pbkdf2-<digest>$i=<iterations>,l=<length>$<salt>$<key>``.

Salt and key are unpadded standard base64; the key length is the decoded key's, whatever
``l=`` says. Kratos's digest quirks are kept: ``sha224`` and ``sha384`` mean SHA3-224 and
SHA3-384, and any other ``sha<n>`` means SHA-256. Verify-only.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from kratos_auth.hashers.base import HashFormatError, verify_bytes
from kratos_auth.hashers.bounds import MAX_HASH_LENGTH, MIN_KEY_BYTES, Bounds
from kratos_auth.hashers.encoding import b64decode_raw
from kratos_auth.hashers.guard import MemoryGuard
from kratos_auth.hashers.settings import HasherSettings

_PBKDF2 = re.compile(r"\$pbkdf2-(sha[0-9]{1,3})\$i=(\d{1,10}),l=(\d{1,10})\$([^$]*)\$([^$]*)")
# Kratos's getPseudorandomFunctionForPbkdf2 (unknown names fall back to SHA-256).
DIGESTS = {
    "sha1": "sha1",
    "sha224": "sha3_224",
    "sha256": "sha256",
    "sha384": "sha3_384",
    "sha512": "sha512",
}


@dataclass(frozen=True)
class Pbkdf2Hash:
    digest: str  # a hashlib name
    iterations: int
    salt: bytes
    key: bytes


def check_work(digest: str, iterations: int, key_length: int, bounds: Bounds) -> None:
    """Bound iterations x output blocks (each block costs the full iteration count)."""
    if iterations < 1:
        raise HashFormatError("pbkdf2 iterations must be at least 1")
    if key_length < MIN_KEY_BYTES:
        raise HashFormatError(f"pbkdf2 key must be at least {MIN_KEY_BYTES} bytes")
    blocks = -(-key_length // hashlib.new(digest).digest_size)
    if iterations * blocks > bounds.pbkdf2_max_work:
        raise HashFormatError(
            f"pbkdf2 iterations {iterations} (x{blocks} blocks) is above the cap of "
            f"{bounds.pbkdf2_max_work}"
        )


def parse(encoded: str, bounds: Bounds) -> Pbkdf2Hash:
    if len(encoded) > MAX_HASH_LENGTH:
        raise HashFormatError("pbkdf2 hash is too long")
    match = _PBKDF2.fullmatch(encoded)
    if not match:
        raise HashFormatError("pbkdf2 hash must look like $pbkdf2-sha256$i=,l=$salt$key")
    name, iterations, _length, salt, key = match.groups()
    parsed = Pbkdf2Hash(
        digest=DIGESTS.get(name, "sha256"),
        iterations=int(iterations),
        salt=b64decode_raw(salt, "pbkdf2 salt"),
        key=b64decode_raw(key, "pbkdf2 key"),
    )
    check_work(parsed.digest, parsed.iterations, len(parsed.key), bounds)
    return parsed


class Pbkdf2Verifier:
    """Kratos's ``$pbkdf2-…$`` import format."""

    algorithm = "pbkdf2"

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds

    @classmethod
    def build(cls, settings: HasherSettings, guard: MemoryGuard) -> Pbkdf2Verifier:
        return cls(settings.bounds)

    def understands(self, hashed: str) -> bool:
        return bool(re.match(r"\$pbkdf2-sha[0-9]{1,3}\$", hashed))

    def validate(self, hashed: str) -> None:
        parse(hashed, self.bounds)

    def verify(self, password: str, hashed: str) -> bool:
        raw = verify_bytes(password)
        try:
            h = parse(hashed, self.bounds)
        except HashFormatError:
            return False
        if raw is None:
            return False
        key = hashlib.pbkdf2_hmac(h.digest, raw, h.salt, h.iterations, len(h.key))
        return hmac.compare_digest(key, h.key)
