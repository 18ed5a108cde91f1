"""The hasher plug points and the errors every hasher module raises.

A :class:`Verifier` checks passwords against one family of stored formats (Kratos's import
formats, Django's). A :class:`Hasher` also writes hashes: ``argon2`` and ``bcrypt``, the two
algorithms ``hashers.algorithm`` may name. The facade (:mod:`kratos_auth.hashers.facade`) picks
the verifier by the hash's prefix.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from kratos_auth.hashers.bounds import MAX_PASSWORD_BYTES


class HashFormatError(ValueError):
    """A stored or imported hash is malformed, unsupported or out of bounds.

    The message names the problem (never the password); it is safe to show to an admin.
    """


class PasswordTooLong(ValueError):
    """The password is longer than the algorithm (or our global bound) accepts.

    ``max_bytes`` is the limit in UTF-8 bytes, ``actual_bytes`` what was given; flows map this
    to Kratos's message 4000033 ("The password must be at most {max_length} characters long").
    """

    def __init__(self, max_bytes: int, actual_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.actual_bytes = actual_bytes
        super().__init__(f"passwords are limited to a maximum length of {max_bytes} bytes")


@runtime_checkable
class Verifier(Protocol):
    """Verifies passwords against the stored formats it understands."""

    algorithm: str

    def understands(self, hashed: str) -> bool:
        """True when ``hashed`` has one of this verifier's prefixes (no parsing, no cost)."""
        ...

    def validate(self, hashed: str) -> None:
        """Parse ``hashed`` and check its cost parameters against the bounds.

        Raises :class:`HashFormatError` naming the problem. Never computes a hash.
        """
        ...

    def verify(self, password: str, hashed: str) -> bool:
        """True when ``password`` matches. False (without computing) when ``hashed`` is
        malformed or out of bounds, or the password is too long. Never raises for bad input,
        except :class:`kratos_auth.errors.HasherBusy` when no memory slot frees in time."""
        ...


@runtime_checkable
class Hasher(Verifier, Protocol):
    """A verifier that also writes hashes with its configured parameters."""

    def hash(self, password: str) -> str:
        """The hash of ``password`` in Kratos's exact format.

        Raises :class:`PasswordTooLong` and :class:`kratos_auth.errors.HasherBusy`.
        """
        ...

    def needs_rehash(self, hashed: str) -> bool:
        """True when ``hashed`` was not written by this hasher with exactly its parameters."""
        ...


def password_bytes(password: str, limit: int = MAX_PASSWORD_BYTES) -> bytes:
    """UTF-8 bytes of ``password``; raises :class:`PasswordTooLong` past ``limit`` bytes.

    Lone surrogates (possible after JSON decoding) become U+FFFD, as Go's JSON decoder does,
    so a hash made by Kratos for the same request body matches.
    """
    try:
        raw = password.encode("utf-8")
    except UnicodeEncodeError:
        fixed = password.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        raw = fixed.encode("utf-8")
    if len(raw) > limit:
        raise PasswordTooLong(limit, len(raw))
    return raw


def verify_bytes(password: str, limit: int = MAX_PASSWORD_BYTES) -> bytes | None:
    """Like :func:`password_bytes` but ``None`` (never matches) instead of raising."""
    try:
        return password_bytes(password, limit)
    except PasswordTooLong:
        return None
