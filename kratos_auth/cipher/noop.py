"""Kratos's ``noop`` cipher: stores the plaintext (Kratos hex-encodes it). No protection."""

from __future__ import annotations


class NoopCipher:
    """Returns its input. Used only when ``ciphers.algorithm: noop`` is configured explicitly."""

    algorithm = "noop"
    nonce_size = 0
    tag_size = 0
    needs_key = False

    def encrypt(self, key: bytes, plaintext: bytes, aad: bytes | None = None) -> bytes:
        return plaintext

    def decrypt(self, key: bytes, data: bytes, aad: bytes | None = None) -> bytes:
        return data
