"""scrypt and Firebase's scrypt, as Kratos imports them. Verify-only.

* ``$scrypt$ln=<N>,r=<r>,p=<p>$<salt>$<key>``: padded standard base64. Kratos's quirk is kept:
  ``ln`` is N itself (``ln=16384``), not its logarithm.
* ``$firescrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>$<salt separator>$<signer key>``: the
  scrypt key of (salt + separator) encrypts the signer key with AES-256-CTR (zero IV).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from kratos_auth.hashers.base import HashFormatError, verify_bytes
from kratos_auth.hashers.bounds import MAX_HASH_LENGTH, MIN_KEY_BYTES, Bounds
from kratos_auth.hashers.encoding import b64decode_padded
from kratos_auth.hashers.guard import MemoryGuard
from kratos_auth.hashers.settings import HasherSettings

_PARAMS = r"ln=(\d{1,10}),r=(\d{1,10}),p=(\d{1,10})"
_SCRYPT = re.compile(rf"\$scrypt\${_PARAMS}\$([^$]*)\$([^$]*)")
_FIRESCRYPT = re.compile(rf"\$firescrypt\${_PARAMS}\$([^$]*)\$([^$]*)\$([^$]*)\$([^$]*)")


@dataclass(frozen=True)
class ScryptCost:
    n: int
    r: int
    p: int

    @property
    def memory(self) -> int:
        """Bytes scrypt allocates (V and B arrays)."""
        return 128 * self.r * (self.n + self.p)


def check_cost(cost: ScryptCost, bounds: Bounds) -> None:
    """Raise :class:`HashFormatError` for parameters scrypt rejects or we will not run."""
    if cost.n < 2 or cost.n & (cost.n - 1):
        raise HashFormatError("scrypt N must be a power of two greater than 1")
    if cost.r < 1 or not 1 <= cost.p <= bounds.scrypt_max_parallelism:
        raise HashFormatError(
            f"scrypt r must be >= 1 and p within 1..{bounds.scrypt_max_parallelism}"
        )
    if 128 * cost.r * cost.n > bounds.scrypt_max_memory:
        raise HashFormatError(
            f"scrypt N={cost.n}, r={cost.r} needs more than the cap of "
            f"{bounds.scrypt_max_memory // (1 << 20)} MiB"
        )


def derive(
    password: bytes, salt: bytes, cost: ScryptCost, length: int, guard: MemoryGuard, wait: float
) -> bytes:
    """The scrypt key, computed inside the memory guard."""
    with guard.reserve(cost.memory, wait):
        return hashlib.scrypt(
            password,
            salt=salt,
            n=cost.n,
            r=cost.r,
            p=cost.p,
            maxmem=cost.memory + (1 << 20),
            dklen=length,
        )


class ScryptVerifier:
    """Kratos's ``$scrypt$`` import format."""

    algorithm = "scrypt"
    prefix = "$scrypt$"

    def __init__(self, bounds: Bounds, guard: MemoryGuard, max_wait: float) -> None:
        self.bounds = bounds
        self.guard = guard
        self.max_wait = max_wait

    @classmethod
    def build(cls, settings: HasherSettings, guard: MemoryGuard) -> ScryptVerifier:
        return cls(settings.bounds, guard, settings.max_wait)

    def understands(self, hashed: str) -> bool:
        return hashed.startswith(self.prefix)

    def parse(self, hashed: str) -> tuple[ScryptCost, bytes, bytes]:
        if len(hashed) > MAX_HASH_LENGTH:
            raise HashFormatError("scrypt hash is too long")
        match = _SCRYPT.fullmatch(hashed)
        if not match:
            raise HashFormatError("scrypt hash must look like $scrypt$ln=,r=,p=$salt$key")
        n, r, p, salt, key = match.groups()
        cost = ScryptCost(int(n), int(r), int(p))
        check_cost(cost, self.bounds)
        raw_key = b64decode_padded(key, "scrypt key")
        if len(raw_key) < MIN_KEY_BYTES:
            raise HashFormatError(f"scrypt key must be at least {MIN_KEY_BYTES} bytes")
        return cost, b64decode_padded(salt, "scrypt salt"), raw_key

    def validate(self, hashed: str) -> None:
        self.parse(hashed)

    def verify(self, password: str, hashed: str) -> bool:
        raw = verify_bytes(password)
        try:
            cost, salt, key = self.parse(hashed)
        except HashFormatError:
            return False
        if raw is None:
            return False
        computed = derive(raw, salt, cost, len(key), self.guard, self.max_wait)
        return hmac.compare_digest(computed, key)


class FirebaseScryptVerifier(ScryptVerifier):
    """Firebase's modified scrypt (``$firescrypt$``), as exported by ``firebase auth:export``."""

    algorithm = "firescrypt"
    prefix = "$firescrypt$"

    def parse_firebase(self, hashed: str) -> tuple[ScryptCost, bytes, bytes, bytes]:
        """(cost, salt + separator, expected hash, signer key)."""
        if len(hashed) > MAX_HASH_LENGTH:
            raise HashFormatError("firescrypt hash is too long")
        match = _FIRESCRYPT.fullmatch(hashed)
        if not match:
            raise HashFormatError(
                "firescrypt hash must look like $firescrypt$ln=,r=,p=$salt$hash$separator$key"
            )
        ln, r, p, salt, expected, separator, signer = match.groups()
        if not 1 <= int(ln) <= 31:
            raise HashFormatError("firescrypt ln (memory cost) must be within 1..31")
        cost = ScryptCost(1 << int(ln), int(r), int(p))
        check_cost(cost, self.bounds)
        salt_bytes = b64decode_padded(salt, "firescrypt salt")
        salt_bytes += b64decode_padded(separator, "firescrypt salt separator")
        expected_bytes = b64decode_padded(expected, "firescrypt hash")
        signer_bytes = b64decode_padded(signer, "firescrypt signer key")
        if len(expected_bytes) < MIN_KEY_BYTES:
            raise HashFormatError(f"firescrypt hash must be at least {MIN_KEY_BYTES} bytes")
        return cost, salt_bytes, expected_bytes, signer_bytes

    def validate(self, hashed: str) -> None:
        self.parse_firebase(hashed)

    def verify(self, password: str, hashed: str) -> bool:
        raw = verify_bytes(password)
        try:
            cost, salt, expected, signer = self.parse_firebase(hashed)
        except HashFormatError:
            return False
        if raw is None:
            return False
        key = derive(raw, salt, cost, 32, self.guard, self.max_wait)
        encryptor = Cipher(algorithms.AES(key), modes.CTR(b"\0" * 16)).encryptor()
        computed = encryptor.update(signer) + encryptor.finalize()
        return hmac.compare_digest(computed, expected)
