"""AES-256-GCM, Kratos's ``aes`` (cryptopasta): 12-byte random nonce, 16-byte tag."""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kratos_auth.cipher.base import KEY_SIZE
from kratos_auth.core import randomness
from kratos_auth.errors import DecryptionFailed


class AesGcmCipher:
    """AES-256-GCM. Random 96-bit nonces: rotate keys well before 2^32 values per key."""

    algorithm = "aes"
    nonce_size = 12
    tag_size = 16
    needs_key = True

    def encrypt(self, key: bytes, plaintext: bytes, aad: bytes | None = None) -> bytes:
        if len(key) != KEY_SIZE:
            raise ValueError("AES-256-GCM needs a 32-byte key")
        nonce = randomness.bytes_(self.nonce_size)
        return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)

    def decrypt(self, key: bytes, data: bytes, aad: bytes | None = None) -> bytes:
        if len(key) != KEY_SIZE or len(data) < self.nonce_size + self.tag_size:
            raise DecryptionFailed()
        nonce, sealed = data[: self.nonce_size], data[self.nonce_size :]
        try:
            return AESGCM(key).decrypt(nonce, sealed, aad)
        except InvalidTag as err:
            raise DecryptionFailed() from err
