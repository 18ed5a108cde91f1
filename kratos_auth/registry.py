"""Dotted paths of the built-in plug-ins, resolved lazily and cached.

This is the only module that names concrete classes. Nothing registers itself on import.
"""

from __future__ import annotations

import functools
from typing import Any

from django.utils.module_loading import import_string

HASHERS: dict[str, str] = {
    "argon2": "kratos_auth.hashers.argon2.Argon2Hasher",
    "bcrypt": "kratos_auth.hashers.bcrypt.BcryptHasher",
}

CIPHERS: dict[str, str] = {
    "aes": "kratos_auth.cipher.aes_gcm.AesGcmCipher",
    "xchacha20-poly1305": "kratos_auth.cipher.xchacha20.XChaCha20Cipher",
    "noop": "kratos_auth.cipher.noop.NoopCipher",
}


@functools.cache
def resolve(dotted: str) -> Any:
    """Import and cache the object named by ``dotted``."""
    return import_string(dotted)
