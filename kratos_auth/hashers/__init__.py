"""Password hashing with Kratos's formats.

The facade every other package uses (the hasher classes stay behind it)::

    hash_password(password: str) -> str               # configured algorithm and parameters
    verify_password(password: str, hashed: str) -> bool
    needs_rehash(hashed: str) -> bool                 # algorithm or any parameter differs
    validate_hashed_password(hashed: str) -> None     # import check; raises HashFormatError
    dummy_verify(password: str) -> None               # costs one full hash (unknown users)

``PasswordTooLong`` (from ``hash_password``) carries ``max_bytes`` for the flows' message.
"""

from kratos_auth.hashers.base import Hasher, HashFormatError, PasswordTooLong, Verifier
from kratos_auth.hashers.facade import (
    current_settings,
    dummy_verify,
    hash_password,
    identify,
    needs_rehash,
    validate_hashed_password,
    verify_password,
)

__all__ = [
    "HashFormatError",
    "Hasher",
    "PasswordTooLong",
    "Verifier",
    "current_settings",
    "dummy_verify",
    "hash_password",
    "identify",
    "needs_rehash",
    "validate_hashed_password",
    "verify_password",
]
