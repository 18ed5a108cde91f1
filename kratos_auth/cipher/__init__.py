"""Encryption at rest: ciphers, the keyring, encrypted model fields, sealed cookies."""

from kratos_auth.cipher.base import Cipher
from kratos_auth.cipher.fields import EncryptedJSONField, EncryptedTextField, Sealed
from kratos_auth.cipher.keyring import DEV_CIPHER_SECRET, Keyring, configured, key_id, uses_dev_key

__all__ = [
    "DEV_CIPHER_SECRET",
    "Cipher",
    "EncryptedJSONField",
    "EncryptedTextField",
    "Keyring",
    "Sealed",
    "configured",
    "key_id",
    "uses_dev_key",
]
