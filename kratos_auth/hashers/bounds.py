"""Upper bounds on cost parameters, checked before any hash is computed.

An imported hash chooses its own cost. Without bounds, one identity import could make every
login on it burn gigabytes or minutes ("bounds before work", SECURITY.md). The defaults cover
every format's common production settings (Django 5.2's PBKDF2 1,000,000 iterations, Kratos's
own test vectors, Firebase's scrypt) with headroom; the Argon2 memory bound follows
``hashers.argon2.dedicated_memory``.
"""

from __future__ import annotations

from dataclasses import dataclass

# SECURITY.md: allow at least 64 characters, cap at e.g. 4096 bytes.
MAX_PASSWORD_BYTES = 4096
# bcrypt reads at most 72 bytes; Kratos refuses longer passwords instead of truncating.
BCRYPT_MAX_PASSWORD_BYTES = 72
# The longest well-formed import (hmac-sha512, firescrypt) is ~250 characters.
MAX_HASH_LENGTH = 1024
# Derived keys shorter than this are refused: Kratos compares an empty key as a match.
MIN_KEY_BYTES = 16


@dataclass(frozen=True)
class Bounds:
    """Cost limits for verification and import validation (plain values, no config)."""

    argon2_max_memory_kib: int = 1 << 20  # 1 GiB
    argon2_max_iterations: int = 64
    argon2_max_parallelism: int = 64
    argon2_max_work_kib: int = 4 << 20  # memory x iterations: 4 GiB-passes
    bcrypt_max_cost: int = 16
    pbkdf2_max_work: int = 4_000_000  # iterations x output blocks
    scrypt_max_memory: int = 128 << 20  # 128 * r * N bytes
    scrypt_max_parallelism: int = 16
    shacrypt_max_rounds: int = 1_000_000

    @classmethod
    def for_parameters(
        cls, dedicated_memory: int, argon2_memory: int, argon2_iterations: int, bcrypt_cost: int
    ) -> Bounds:
        """Bounds that always admit our own configured parameters.

        Argon2 memory is bounded by ``dedicated_memory`` (bytes): a hash needing more memory
        than is set aside for hashing is never computed.
        """
        memory_kib = max(dedicated_memory, argon2_memory) // 1024
        return cls(
            argon2_max_memory_kib=memory_kib,
            argon2_max_iterations=max(cls.argon2_max_iterations, argon2_iterations),
            argon2_max_work_kib=max(4 * memory_kib, argon2_memory // 1024 * argon2_iterations),
            bcrypt_max_cost=max(cls.bcrypt_max_cost, bcrypt_cost),
        )
