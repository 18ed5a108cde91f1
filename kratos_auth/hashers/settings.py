"""Plain-value snapshots of the ``hashers`` configuration, handed to hasher constructors."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from kratos_auth.hashers.bounds import Bounds


def default_parallelism() -> int:
    """Kratos's default for ``hashers.argon2.parallelism``: ``2 * runtime.NumCPU()``."""
    return 2 * (os.cpu_count() or 1)


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id parameters as Kratos writes them (``memory`` in KiB, lengths in bytes)."""

    memory_kib: int
    iterations: int
    parallelism: int
    salt_length: int = 16
    key_length: int = 32

    @classmethod
    def from_bytes(
        cls,
        memory: int,
        iterations: int,
        parallelism: int | None = None,
        salt_length: int = 16,
        key_length: int = 32,
    ) -> Argon2Params:
        """From a memory size in bytes (Kratos's ``toKB``: whole KiB, rounded down)."""
        return cls(
            memory_kib=memory // 1024,
            iterations=iterations,
            parallelism=parallelism or default_parallelism(),
            salt_length=salt_length,
            key_length=key_length,
        )


@dataclass(frozen=True)
class HasherSettings:
    """Everything the hashers need from ``hashers.*``, as hashable plain values."""

    algorithm: str
    argon2: Argon2Params
    bcrypt_cost: int = 12
    dedicated_memory: int = 1 << 30
    max_wait: float = 2.0
    bounds: Bounds = field(default_factory=Bounds)
