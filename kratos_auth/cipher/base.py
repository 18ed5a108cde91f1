"""The :class:`Cipher` plug point: one AEAD algorithm, keys passed in per call."""

from __future__ import annotations

from typing import Protocol

KEY_SIZE = 32  # Kratos: every secrets.cipher entry is exactly 32 bytes, used as the raw key


class Cipher(Protocol):
    """An authenticated cipher as Kratos names it in ``ciphers.algorithm``.

    ``encrypt`` returns ``nonce ‖ ciphertext ‖ tag`` (Kratos's layout before hex encoding).
    ``decrypt`` raises :class:`kratos_auth.errors.DecryptionFailed` for any wrong key,
    tampered byte or truncated input, never saying which.
    """

    algorithm: str
    nonce_size: int
    needs_key: bool

    def encrypt(self, key: bytes, plaintext: bytes, aad: bytes | None = None) -> bytes: ...

    def decrypt(self, key: bytes, data: bytes, aad: bytes | None = None) -> bytes: ...
