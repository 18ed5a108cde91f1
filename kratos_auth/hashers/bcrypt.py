"""bcrypt as Kratos writes it (``$2a$<cost>$…``) and verifies it (``$2$``, ``$2a$``, ``$2b$``,
``$2y$``, ``$2z$``).

Like Kratos, a password over 72 bytes is refused when hashing (:class:`PasswordTooLong`) and
never matches when verifying: bcrypt would silently compare only its first 72 bytes.
"""

from __future__ import annotations

import re

import bcrypt as _bcrypt

from kratos_auth.hashers.base import HashFormatError, password_bytes, verify_bytes
from kratos_auth.hashers.bounds import BCRYPT_MAX_PASSWORD_BYTES, Bounds
from kratos_auth.hashers.guard import MemoryGuard
from kratos_auth.hashers.settings import HasherSettings

# Kratos's ``^\$2[abzy]?\$``; Go's bcrypt ignores the minor version when computing.
_BCRYPT = re.compile(r"\$2([abzy]?)\$(\d\d)\$([./A-Za-z0-9]{53})")
MIN_COST = 4


def parse_cost(hashed: str, bounds: Bounds) -> tuple[str, int]:
    """(minor version, cost) of a bcrypt hash. Raises :class:`HashFormatError`."""
    match = _BCRYPT.fullmatch(hashed)
    if not match:
        raise HashFormatError("bcrypt hash must look like $2a$<cost>$<53 characters>")
    minor, cost = match.group(1), int(match.group(2))
    if not MIN_COST <= cost <= bounds.bcrypt_max_cost:
        raise HashFormatError(f"bcrypt cost {cost} is outside {MIN_COST}..{bounds.bcrypt_max_cost}")
    return minor, cost


def check(password: bytes, hashed: str) -> bool:
    """``bcrypt.checkpw`` on any minor version (Go computes them all alike below 255 bytes)."""
    if len(password) > BCRYPT_MAX_PASSWORD_BYTES:
        return False
    normalized = "$2b$" + hashed.split("$", 2)[2]
    return _bcrypt.checkpw(password, normalized.encode("ascii"))


class BcryptHasher:
    """``hashers.algorithm: bcrypt`` with ``hashers.bcrypt.cost``."""

    algorithm = "bcrypt"

    def __init__(self, cost: int, bounds: Bounds) -> None:
        self.cost = cost
        self.bounds = bounds

    @classmethod
    def build(cls, settings: HasherSettings, guard: MemoryGuard) -> BcryptHasher:
        return cls(settings.bcrypt_cost, settings.bounds)

    def understands(self, hashed: str) -> bool:
        return bool(re.match(r"\$2[abzy]?\$", hashed))

    def validate(self, hashed: str) -> None:
        parse_cost(hashed, self.bounds)

    def verify(self, password: str, hashed: str) -> bool:
        raw = verify_bytes(password, BCRYPT_MAX_PASSWORD_BYTES)
        if raw is None:
            return False
        try:
            parse_cost(hashed, self.bounds)
            return check(raw, hashed)
        except (HashFormatError, ValueError):
            return False

    def hash(self, password: str) -> str:
        raw = password_bytes(password, BCRYPT_MAX_PASSWORD_BYTES)
        salt = _bcrypt.gensalt(rounds=self.cost, prefix=b"2a")
        return _bcrypt.hashpw(raw, salt).decode("ascii")

    def needs_rehash(self, hashed: str) -> bool:
        try:
            _, cost = parse_cost(hashed, self.bounds)
        except HashFormatError:
            return True
        return cost != self.cost
