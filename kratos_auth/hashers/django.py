"""Kratos's hash formats as Django ``PASSWORD_HASHERS`` entries.

For sites that keep ``django.contrib.auth`` but want hashes Kratos can import::

    PASSWORD_HASHERS = [
        "kratos_auth.hashers.django.KratosArgon2PasswordHasher",
        "kratos_auth.hashers.django.KratosBcryptPasswordHasher",
        ...
    ]

Django finds a hasher by the text before the first ``$``, so the stored value is
``kratos_argon2$`` or ``kratos_bcrypt$`` followed by Kratos's exact string (strip the prefix to
hand it to Kratos). Parameters come from ``KRATOS["hashers"]``; ``must_update`` is true when
any parameter differs, so ``check_password`` upgrades hashes on login.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import bcrypt
from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.translation import gettext_noop as _

from kratos_auth.core.randomness import bytes_ as random_bytes
from kratos_auth.hashers import argon2 as argon2_format
from kratos_auth.hashers.base import HashFormatError, password_bytes
from kratos_auth.hashers.bounds import BCRYPT_MAX_PASSWORD_BYTES
from kratos_auth.hashers.encoding import b64decode_raw, b64encode_raw
from kratos_auth.hashers.facade import build, current_settings


class _KratosPasswordHasher(BasePasswordHasher):
    """Shared plumbing: ``<algorithm>$<Kratos string>``."""

    kratos_algorithm = ""

    def hasher(self) -> Any:
        """Kratos's hasher (a :class:`Hasher`) for this algorithm, configured parameters."""
        settings = current_settings()
        if settings.algorithm != self.kratos_algorithm:
            settings = dataclasses.replace(settings, algorithm=self.kratos_algorithm)
        return build(settings).hasher

    def kratos_hash(self, encoded: str) -> str:
        """The Kratos string inside ``encoded`` (raises ValueError if not ours)."""
        algorithm, _, kratos = encoded.partition("$")
        if algorithm != self.algorithm:
            raise ValueError(f"not a {self.algorithm} hash")
        return kratos

    def verify(self, password: str, encoded: str) -> bool:
        try:
            kratos = self.kratos_hash(encoded)
        except ValueError:
            return False
        return self.hasher().verify(password, kratos)

    def must_update(self, encoded: str) -> bool:
        try:
            return self.hasher().needs_rehash(self.kratos_hash(encoded))
        except ValueError:
            return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        # Kratos's parameters are uniform per configuration; nothing to equalize.
        return None


class KratosArgon2PasswordHasher(_KratosPasswordHasher):
    """Argon2id in Kratos's format: ``kratos_argon2$$argon2id$v=19$m=…,t=…,p=…$salt$key``."""

    algorithm = "kratos_argon2"
    kratos_algorithm = "argon2"

    def salt(self) -> str:
        return b64encode_raw(random_bytes(current_settings().argon2.salt_length))

    def encode(self, password: str, salt: str) -> str:
        self._check_encode_args(password, salt)
        try:
            raw_salt = b64decode_raw(salt, "salt")
        except HashFormatError:
            raw_salt = salt.encode()
        return f"{self.algorithm}${self.hasher().hash_with_salt(password, raw_salt)}"

    def decode(self, encoded: str) -> dict[str, Any]:
        h = argon2_format.parse(self.kratos_hash(encoded), self.hasher().bounds)
        return {
            "algorithm": self.algorithm,
            "variant": h.variant,
            "version": h.version,
            "memory_cost": h.memory_kib,
            "time_cost": h.iterations,
            "parallelism": h.parallelism,
            "salt": b64encode_raw(h.salt),
            "hash": b64encode_raw(h.key),
        }

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("variety"): decoded["variant"],
            _("version"): decoded["version"],
            _("memory cost"): decoded["memory_cost"],
            _("time cost"): decoded["time_cost"],
            _("parallelism"): decoded["parallelism"],
            _("salt"): mask_hash(decoded["salt"]),
            _("hash"): mask_hash(decoded["hash"]),
        }


class KratosBcryptPasswordHasher(_KratosPasswordHasher):
    """bcrypt in Kratos's format: ``kratos_bcrypt$$2a$12$…``. Refuses passwords over 72 bytes
    (``PasswordTooLong``) instead of truncating them."""

    algorithm = "kratos_bcrypt"
    kratos_algorithm = "bcrypt"

    def salt(self) -> str:
        return bcrypt.gensalt(current_settings().bcrypt_cost, prefix=b"2a").decode("ascii")

    def encode(self, password: str, salt: str) -> str:
        if password is None:
            raise TypeError("password must be provided.")
        raw = password_bytes(password, BCRYPT_MAX_PASSWORD_BYTES)
        salt_bytes = salt.encode("ascii") if isinstance(salt, str) else salt
        return f"{self.algorithm}${bcrypt.hashpw(raw, salt_bytes).decode('ascii')}"

    def decode(self, encoded: str) -> dict[str, Any]:
        _, minor_cost, cost, data = self.kratos_hash(encoded).split("$", 3)
        return {
            "algorithm": self.algorithm,
            "algostr": minor_cost,
            "work_factor": int(cost),
            "salt": data[:22],
            "checksum": data[22:],
        }

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("work factor"): decoded["work_factor"],
            _("salt"): mask_hash(decoded["salt"]),
            _("checksum"): mask_hash(decoded["checksum"]),
        }
