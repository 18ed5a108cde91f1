"""The key list: the first key encrypts, every key may decrypt (Kratos's rotation rule).

This is the one place that loops over keys; the field store, the rotation command and the
cookie sealer all go through :class:`Keyring`.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from kratos_auth import registry
from kratos_auth.cipher.base import KEY_SIZE, Cipher
from kratos_auth.conf import current as current_config
from kratos_auth.core.secret import Secret
from kratos_auth.errors import DecryptionFailed

KEY_ID_LABEL = b"kratos-auth key id"
KEY_ID_LENGTH = 8
NOOP_KEY_ID = "noop"
# Used only with --dev and no secrets.cipher. Anyone can read data sealed with it.
DEV_CIPHER_SECRET = "INSECURE-dev-only-cipher-key!!32"

security_log = logging.getLogger("kratos_auth.security")


def key_id(key: bytes) -> str:
    """Names a key without revealing it: 8 hex chars of HMAC-SHA256(key, label)."""
    return hmac.new(key, KEY_ID_LABEL, hashlib.sha256).hexdigest()[:KEY_ID_LENGTH]


@dataclass(frozen=True)
class Key:
    id: str
    material: Secret = field(repr=False, compare=False)


class Keyring:
    """An ordered list of keys for one cipher. ``keys[0]`` seals; all of them open."""

    def __init__(self, cipher: Cipher, keys: Sequence[bytes]) -> None:
        if cipher.needs_key and not keys:
            raise ImproperlyConfigured(f"ciphers.algorithm={cipher.algorithm} needs a key")
        for key in keys:
            if len(key) != KEY_SIZE:
                raise ImproperlyConfigured(f"cipher keys must be exactly {KEY_SIZE} bytes")
        self.cipher = cipher
        self._raw = tuple(keys)
        if cipher.needs_key:
            self.keys = tuple(Key(key_id(k), Secret(k)) for k in keys)
        else:
            self.keys = (Key(NOOP_KEY_ID, Secret(b"")),)

    @property
    def algorithm(self) -> str:
        return self.cipher.algorithm

    @property
    def has_keys(self) -> bool:
        """True when real keys are held (a noop keyring may still hold them for reading)."""
        return bool(self._raw)

    @property
    def primary(self) -> Key:
        """The key that seals."""
        return self.keys[0]

    def with_cipher(self, cipher: Cipher) -> Keyring:
        """The same keys under another algorithm (to read values sealed before a switch)."""
        return Keyring(cipher, self._raw)

    def seal(self, plaintext: bytes, aad: bytes | None = None) -> bytes:
        """Encrypt with the first key: ``nonce ‖ ciphertext ‖ tag``."""
        return self.cipher.encrypt(self.primary.material.reveal(), plaintext, aad)

    def open(
        self, data: bytes, aad: bytes | None = None, key_id: str | None = None
    ) -> tuple[Key, bytes]:
        """Decrypt with the first key that works (only keys named ``key_id`` when given).

        Returns the key that worked and the plaintext. Raises :class:`DecryptionFailed`
        when none does, without saying which key or step failed.
        """
        for key in self.keys:
            if key_id is not None and key.id != key_id:
                continue
            try:
                return key, self.cipher.decrypt(key.material.reveal(), data, aad)
            except DecryptionFailed:
                continue
        raise DecryptionFailed()

    def __repr__(self) -> str:
        return f"<Keyring {self.algorithm} keys={[k.id for k in self.keys]}>"


def cipher_for(algorithm: str) -> Cipher:
    """The built-in cipher named ``algorithm`` (a ``ciphers.algorithm`` value)."""
    try:
        dotted = registry.CIPHERS[algorithm]
    except KeyError as err:
        raise ImproperlyConfigured(f"unknown ciphers.algorithm {algorithm!r}") from err
    return registry.resolve(dotted)()


def secret_to_key(secret: str, index: int) -> bytes:
    """A ``secrets.cipher`` entry as Kratos uses it: its 32 bytes, verbatim."""
    key = secret.encode("utf-8")
    if len(key) != KEY_SIZE:
        raise ImproperlyConfigured(
            f"secrets.cipher.{index}: expected exactly {KEY_SIZE} bytes (ASCII characters)"
        )
    return key


def uses_dev_key() -> bool:
    """True when sealing with :data:`DEV_CIPHER_SECRET` (``--dev`` without secrets.cipher)."""
    return configured().primary.id == key_id(DEV_CIPHER_SECRET.encode())


def configured() -> Keyring:
    """The keyring built from ``ciphers.algorithm`` and ``secrets.cipher`` (cached)."""
    global _configured
    settings = current_config()
    cached = _configured
    if cached is not None and cached[0] is settings:  # a config change makes a new object
        return cached[1]
    secrets = tuple(settings.secrets.cipher or ())
    keyring = _build(settings.ciphers.algorithm, secrets, bool(settings.is_dev))
    _configured = (settings, keyring)
    return keyring


# (config object, its keyring): sealing a batch import asks for the keyring thousands of times.
_configured: tuple[Any, Keyring] | None = None


@functools.lru_cache(maxsize=4)
def _build(algorithm: str, secrets: tuple[str, ...], dev: bool) -> Keyring:
    cipher = cipher_for(algorithm)
    keys = [secret_to_key(s, i) for i, s in enumerate(secrets)]
    if cipher.needs_key and not keys:
        if not dev:
            raise ImproperlyConfigured(
                f"secrets.cipher is required for ciphers.algorithm={algorithm} outside --dev"
            )
        security_log.warning(
            "INSECURE: no secrets.cipher configured; --dev is sealing data with the public "
            "development key %r (key id %s). Configure secrets.cipher before storing real data.",
            "DEV_CIPHER_SECRET",
            key_id(DEV_CIPHER_SECRET.encode()),
        )
        keys = [DEV_CIPHER_SECRET.encode()]
    return Keyring(cipher, keys)
