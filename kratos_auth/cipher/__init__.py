"""Encryption at rest: ciphers, the keyring, encrypted model fields."""
