"""Sealed cookie values for the session layer.

``seal(value, secrets, purpose)`` encrypts and authenticates ``value`` with XChaCha20-Poly1305
under a key derived by HKDF-SHA256 from the first of ``secrets`` (``secrets.cookie``) and bound
to ``purpose``; ``open_`` tries every secret. Tokens are URL-safe base64 without padding::

    token = b64url(0x01 ‖ nonce(24) ‖ ciphertext ‖ tag(16))

``open_`` never raises on bad input: tampered, truncated, foreign-purpose or unknown-key
tokens all give ``None``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Sequence

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.exceptions import ImproperlyConfigured

from kratos_auth.cipher.base import KEY_SIZE
from kratos_auth.cipher.keyring import Keyring
from kratos_auth.cipher.xchacha20 import XChaCha20Cipher
from kratos_auth.errors import DecryptionFailed

VERSION = b"\x01"
HKDF_SALT = b"kratos-auth cookie v1"
MAX_TOKEN_LENGTH = 8192  # browsers cap a cookie near 4096 bytes; refuse work on more
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def derive_key(secret: str, purpose: str) -> bytes:
    """HKDF-SHA256(secret, salt=HKDF_SALT, info="kratos-auth cookie:" + purpose)."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_SIZE,
        salt=HKDF_SALT,
        info=b"kratos-auth cookie:" + purpose.encode("utf-8"),
    )
    return hkdf.derive(secret.encode("utf-8"))


@functools.lru_cache(maxsize=32)
def _keyring(secrets: tuple[str, ...], purpose: str) -> Keyring:
    return Keyring(XChaCha20Cipher(), [derive_key(s, purpose) for s in secrets])


def _aad(purpose: str) -> bytes:
    return VERSION + purpose.encode("utf-8")


def seal(value: str, secrets: Sequence[str], purpose: str) -> str:
    """Encrypt ``value`` for ``purpose`` with the first secret. Raises if there is none."""
    if not secrets:
        raise ImproperlyConfigured("secrets.cookie (or secrets.default) must not be empty")
    data = _keyring(tuple(secrets), purpose).seal(value.encode("utf-8"), _aad(purpose))
    return base64.urlsafe_b64encode(VERSION + data).rstrip(b"=").decode("ascii")


def open_(token: str, secrets: Sequence[str], purpose: str) -> str | None:
    """The value sealed in ``token`` for ``purpose`` under any of ``secrets``, else ``None``."""
    if not secrets or not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    if not _TOKEN.fullmatch(token):
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    if raw[:1] != VERSION:
        return None
    try:
        _, plaintext = _keyring(tuple(secrets), purpose).open(raw[1:], _aad(purpose))
        return plaintext.decode("utf-8")
    except (DecryptionFailed, UnicodeDecodeError):
        return None
