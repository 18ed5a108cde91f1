"""The facade every other package uses: configured hashing, verification by prefix.

The hasher set is built from ``hashers.*`` through the registry and cached per parameter set;
a new configuration (``setting_changed`` for ``KRATOS``) builds a new set on next use.
"""

from __future__ import annotations

import functools
import secrets
import threading
from dataclasses import dataclass

from kratos_auth import registry
from kratos_auth.conf import config
from kratos_auth.hashers.base import Hasher, HashFormatError, Verifier
from kratos_auth.hashers.bounds import Bounds
from kratos_auth.hashers.guard import guard_for
from kratos_auth.hashers.settings import Argon2Params, HasherSettings


@dataclass(frozen=True)
class HasherSet:
    """The configured hasher and every verifier, in Kratos's comparison order."""

    settings: HasherSettings
    hasher: Hasher
    verifiers: tuple[Verifier, ...]

    def find(self, hashed: str) -> Verifier | None:
        """The verifier whose prefix ``hashed`` carries, or None."""
        for verifier in self.verifiers:
            if verifier.understands(hashed):
                return verifier
        return None


def settings_from_config() -> HasherSettings:
    """Read ``hashers.*`` into plain values (the only place hashers read config)."""
    section = config.hashers
    a = section.argon2
    params = Argon2Params.from_bytes(
        a.memory, a.iterations, a.parallelism, a.salt_length, a.key_length
    )
    cost = section.bcrypt.cost
    bounds = Bounds.for_parameters(a.dedicated_memory, a.memory, a.iterations, cost)
    return HasherSettings(
        algorithm=section.algorithm,
        argon2=params,
        bcrypt_cost=cost,
        dedicated_memory=a.dedicated_memory,
        max_wait=a.max_wait.total_seconds(),
        bounds=bounds,
    )


_lock = threading.Lock()
_last: tuple[object, HasherSettings] | None = None


def current_settings() -> HasherSettings:
    """The settings of the current configuration (re-read only when it is rebuilt)."""
    global _last
    raw = config.hashers.raw()  # the same dict object until the configuration is rebuilt
    last = _last
    if last is not None and last[0] is raw:
        return last[1]
    settings = settings_from_config()
    with _lock:
        _last = (raw, settings)
    return settings


@functools.lru_cache(maxsize=8)
def build(settings: HasherSettings) -> HasherSet:
    """Instantiate the registry's hashers for ``settings`` (cached per parameter set)."""
    guard = guard_for(settings.dedicated_memory)
    hasher = registry.resolve(registry.HASHERS[settings.algorithm]).build(settings, guard)
    paths = registry.HASH_VERIFIERS
    verifiers = tuple(registry.resolve(path).build(settings, guard) for path in paths)
    return HasherSet(settings, hasher, verifiers)


def current() -> HasherSet:
    """The hasher set of the current configuration."""
    return build(current_settings())


def hash_password(password: str) -> str:
    """Hash with ``hashers.algorithm`` and its parameters, in Kratos's exact format.

    Raises :class:`PasswordTooLong` (over 72 bytes for bcrypt, 4096 bytes for any) and
    :class:`kratos_auth.errors.HasherBusy` when no memory slot frees within ``max_wait``.
    """
    return current().hasher.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    """True when ``password`` matches ``hashed`` (any format Kratos imports, or Django's).

    Unknown, malformed or out-of-bounds hashes return False without computing anything.
    """
    if not isinstance(hashed, str) or not hashed:
        return False
    verifier = current().find(hashed)
    if verifier is None:
        return False
    try:
        return verifier.verify(password, hashed)
    except HashFormatError:
        return False


def needs_rehash(hashed: str) -> bool:
    """True when the algorithm or any parameter differs from the configuration.

    Kratos only upgrades on an algorithm change; we also upgrade on parameter changes
    (memory, iterations, parallelism, salt and key length, bcrypt cost).
    """
    if not isinstance(hashed, str) or not hashed:
        return True
    return current().hasher.needs_rehash(hashed)


def validate_hashed_password(hashed: str) -> None:
    """Check an imported hash: known format, well formed, cost within bounds.

    Raises :class:`HashFormatError` naming the problem. Computes nothing.
    """
    if not isinstance(hashed, str) or not hashed:
        raise HashFormatError("hashed password is empty")
    verifier = current().find(hashed)
    if verifier is None:
        raise HashFormatError("unknown hash algorithm")
    verifier.validate(hashed)


def identify(hashed: str) -> str | None:
    """The verifier family of ``hashed`` (``argon2``, ``bcrypt``, ``pbkdf2``, …) or None."""
    verifier = current().find(hashed) if isinstance(hashed, str) else None
    return verifier.algorithm if verifier else None


@functools.lru_cache(maxsize=8)
def _dummy_hash(settings: HasherSettings) -> str:
    return build(settings).hasher.hash(secrets.token_urlsafe(24))


def dummy_verify(password: str) -> None:
    """Cost one full verification with the configured parameters; the result is dropped.

    Used for unknown identifiers so that they take as long as a wrong password. The dummy
    hash is made once per parameter set.
    """
    hashers = current()
    hashers.hasher.verify(password, _dummy_hash(hashers.settings))
