"""Argon2id as Kratos writes it, and Argon2i/Argon2id as Kratos verifies them.

Format: ``$argon2id$v=19$m=<KiB>,t=<iterations>,p=<parallelism>$<salt>$<key>`` with salt and
key in unpadded standard base64. Salt and key lengths are free (unlike argon2-cffi's
high-level API), so the low-level ``hash_secret_raw`` computes them.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from kratos_auth.core.randomness import bytes_ as random_bytes
from kratos_auth.hashers.base import HashFormatError, password_bytes, verify_bytes
from kratos_auth.hashers.bounds import MAX_HASH_LENGTH, MIN_KEY_BYTES, Bounds
from kratos_auth.hashers.encoding import b64decode_raw, b64encode_raw
from kratos_auth.hashers.guard import MemoryGuard
from kratos_auth.hashers.settings import Argon2Params, HasherSettings

VERSION = 0x13  # 19, the only version Kratos reads and writes
_TYPES = {"argon2id": Type.ID, "argon2i": Type.I}
_PHC = re.compile(
    r"\$(argon2id|argon2i)(?:\$v=(\d{1,3}))?\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})"
    r"\$([^$]*)\$([^$]*)"
)
_MIN_SALT_BYTES = 8  # the reference implementation's minimum


@dataclass(frozen=True)
class Argon2Hash:
    """A parsed Argon2 hash."""

    variant: str  # "argon2id" or "argon2i"
    version: int
    memory_kib: int
    iterations: int
    parallelism: int
    salt: bytes
    key: bytes


def parse(encoded: str, bounds: Bounds, *, version_optional: bool = False) -> Argon2Hash:
    """Parse and bound-check an Argon2 PHC string. Raises :class:`HashFormatError`.

    Kratos requires ``v=19``; argon2-cffi (Django) omits the version for 1.0 (``0x10``)
    hashes, which ``version_optional`` admits.
    """
    if len(encoded) > MAX_HASH_LENGTH:
        raise HashFormatError("argon2 hash is too long")
    match = _PHC.fullmatch(encoded)
    if not match:
        raise HashFormatError("argon2 hash must look like $argon2id$v=19$m=,t=,p=$salt$key")
    variant, version, m, t, p, salt, key = match.groups()
    if version is None and not version_optional:
        raise HashFormatError("argon2 hash has no version (v=19)")
    parsed = Argon2Hash(
        variant=variant,
        version=int(version) if version is not None else 0x10,
        memory_kib=int(m),
        iterations=int(t),
        parallelism=int(p),
        salt=b64decode_raw(salt, "argon2 salt"),
        key=b64decode_raw(key, "argon2 key"),
    )
    check_bounds(parsed, bounds, allowed_versions=(0x10, VERSION) if version_optional else None)
    return parsed


def check_bounds(h: Argon2Hash, bounds: Bounds, allowed_versions: tuple | None = None) -> None:
    """Raise :class:`HashFormatError` naming the first parameter out of bounds."""
    if h.version not in (allowed_versions or (VERSION,)):
        raise HashFormatError(f"incompatible version of argon2 (v={h.version}, expected 19)")
    if not 1 <= h.parallelism <= bounds.argon2_max_parallelism:
        raise HashFormatError(
            f"argon2 parallelism {h.parallelism} is outside 1..{bounds.argon2_max_parallelism}"
        )
    if not 1 <= h.iterations <= bounds.argon2_max_iterations:
        raise HashFormatError(
            f"argon2 iterations {h.iterations} is outside 1..{bounds.argon2_max_iterations}"
        )
    if h.memory_kib < 8 * h.parallelism:
        raise HashFormatError("argon2 memory must be at least 8 KiB per lane (m >= 8*p)")
    if h.memory_kib > bounds.argon2_max_memory_kib:
        raise HashFormatError(
            f"argon2 memory m={h.memory_kib} KiB is above the cap of "
            f"{bounds.argon2_max_memory_kib} KiB (hashers.argon2.dedicated_memory)"
        )
    if h.memory_kib * h.iterations > bounds.argon2_max_work_kib:
        raise HashFormatError("argon2 cost (memory x iterations) is above the cap")
    if len(h.salt) < _MIN_SALT_BYTES:
        raise HashFormatError(f"argon2 salt must be at least {_MIN_SALT_BYTES} bytes")
    if len(h.key) < MIN_KEY_BYTES:
        raise HashFormatError(f"argon2 key must be at least {MIN_KEY_BYTES} bytes")


def derive(password: bytes, h: Argon2Hash, guard: MemoryGuard, max_wait: float) -> bytes:
    """The Argon2 key of ``password`` with ``h``'s parameters, inside the memory guard."""
    with guard.reserve(h.memory_kib * 1024, max_wait):
        return hash_secret_raw(
            secret=password,
            salt=h.salt,
            time_cost=h.iterations,
            memory_cost=h.memory_kib,
            parallelism=h.parallelism,
            hash_len=len(h.key),
            type=_TYPES[h.variant],
            version=h.version,
        )


def matches(password: str, h: Argon2Hash, guard: MemoryGuard, max_wait: float) -> bool:
    """Constant-time check of ``password`` against a parsed hash."""
    raw = verify_bytes(password)
    if raw is None:
        return False
    return hmac.compare_digest(derive(raw, h, guard, max_wait), h.key)


class Argon2Hasher:
    """Writes Argon2id in Kratos's format; verifies Argon2id and Argon2i (``hashers.argon2``)."""

    algorithm = "argon2"

    def __init__(
        self, params: Argon2Params, bounds: Bounds, guard: MemoryGuard, max_wait: float
    ) -> None:
        self.params = params
        self.bounds = bounds
        self.guard = guard
        self.max_wait = max_wait

    @classmethod
    def build(cls, settings: HasherSettings, guard: MemoryGuard) -> Argon2Hasher:
        return cls(settings.argon2, settings.bounds, guard, settings.max_wait)

    def understands(self, hashed: str) -> bool:
        return hashed.startswith(("$argon2id$", "$argon2i$"))

    def validate(self, hashed: str) -> None:
        parse(hashed, self.bounds)

    def verify(self, password: str, hashed: str) -> bool:
        try:
            parsed = parse(hashed, self.bounds)
        except HashFormatError:
            return False
        return matches(password, parsed, self.guard, self.max_wait)

    def hash(self, password: str) -> str:
        return self.hash_with_salt(password, random_bytes(self.params.salt_length))

    def hash_with_salt(self, password: str, salt: bytes) -> str:
        """Kratos's Argon2id string for ``password`` with a given salt (Django's ``encode``)."""
        p = self.params
        h = Argon2Hash(
            variant="argon2id",
            version=VERSION,
            memory_kib=p.memory_kib,
            iterations=p.iterations,
            parallelism=p.parallelism,
            salt=salt,
            key=b"\0" * p.key_length,
        )
        key = derive(password_bytes(password), h, self.guard, self.max_wait)
        return (
            f"$argon2id$v={VERSION}$m={p.memory_kib},t={p.iterations},p={p.parallelism}"
            f"${b64encode_raw(salt)}${b64encode_raw(key)}"
        )

    def needs_rehash(self, hashed: str) -> bool:
        try:
            h = parse(hashed, self.bounds)
        except HashFormatError:
            return True
        p = self.params
        return (h.variant, h.memory_kib, h.iterations, h.parallelism, len(h.salt), len(h.key)) != (
            "argon2id",
            p.memory_kib,
            p.iterations,
            p.parallelism,
            p.salt_length,
            p.key_length,
        )
