"""XChaCha20-Poly1305, Kratos's ``xchacha20-poly1305``: 24-byte random nonce, 16-byte tag."""

from __future__ import annotations

from nacl import bindings
from nacl.exceptions import CryptoError

from kratos_auth.cipher.base import KEY_SIZE
from kratos_auth.core import randomness
from kratos_auth.errors import DecryptionFailed


class XChaCha20Cipher:
    """XChaCha20-Poly1305 (IETF). 192-bit random nonces, so no practical per-key limit."""

    algorithm = "xchacha20-poly1305"
    nonce_size = bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
    tag_size = bindings.crypto_aead_xchacha20poly1305_ietf_ABYTES
    needs_key = True

    def encrypt(self, key: bytes, plaintext: bytes, aad: bytes | None = None) -> bytes:
        if len(key) != KEY_SIZE:
            raise ValueError("XChaCha20-Poly1305 needs a 32-byte key")
        nonce = randomness.bytes_(self.nonce_size)
        return nonce + bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
            plaintext, aad, nonce, key
        )

    def decrypt(self, key: bytes, data: bytes, aad: bytes | None = None) -> bytes:
        if len(key) != KEY_SIZE or len(data) < self.nonce_size + self.tag_size:
            raise DecryptionFailed()
        nonce, sealed = data[: self.nonce_size], data[self.nonce_size :]
        try:
            return bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(sealed, aad, nonce, key)
        except CryptoError as err:
            raise DecryptionFailed() from err
