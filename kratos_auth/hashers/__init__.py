"""Password hashing with Kratos's formats.

The facade every other package uses (the hasher classes stay behind it)::

    hash_password(password: str) -> str               # configured algorithm and parameters
    verify_password(password: str, hashed: str) -> bool
    needs_rehash(hashed: str) -> bool                 # algorithm or any parameter differs
    validate_hashed_password(hashed: str) -> None     # import check; raises HashFormatError
    dummy_verify(password: str) -> None               # costs one full hash (unknown users)

PLACEHOLDER: replaced by the hashers package proper.
"""

from __future__ import annotations

import argon2


class HashFormatError(ValueError):
    """A stored or imported hash is malformed, unsupported or out of bounds."""


_ph = argon2.PasswordHasher(memory_cost=64, time_cost=1, parallelism=1)


def hash_password(password: str) -> str:
    return _ph.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    try:
        return _ph.verify(hashed, password)
    except argon2.exceptions.VerificationError:
        return False
    except argon2.exceptions.InvalidHashError:
        return False


def needs_rehash(hashed: str) -> bool:
    return False


def validate_hashed_password(hashed: str) -> None:
    if not hashed.startswith("$"):
        raise HashFormatError("unsupported hash format")


def dummy_verify(password: str) -> None:
    verify_password(password, hash_password("dummy"))
