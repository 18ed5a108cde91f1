"""The three ciphers, the keyring and the key id."""

from __future__ import annotations

import hashlib
import hmac
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from kratos_auth.cipher import keyring
from kratos_auth.cipher.aes_gcm import AesGcmCipher
from kratos_auth.cipher.keyring import DEV_CIPHER_SECRET, Keyring, key_id
from kratos_auth.cipher.noop import NoopCipher
from kratos_auth.cipher.xchacha20 import XChaCha20Cipher
from kratos_auth.errors import DecryptionFailed

from .conftest import KEY_A, KEY_B, KEY_C

A, B, C = KEY_A.encode(), KEY_B.encode(), KEY_C.encode()
AEADS = [AesGcmCipher(), XChaCha20Cipher()]


@pytest.mark.parametrize("cipher", AEADS, ids=lambda c: c.algorithm)
def test_round_trip_with_random_nonce(cipher):
    one = cipher.encrypt(A, b"seed", b"ad")
    two = cipher.encrypt(A, b"seed", b"ad")
    assert one != two  # fresh nonce each time
    assert len(one) == cipher.nonce_size + 4 + 16
    assert cipher.decrypt(A, one, b"ad") == b"seed"


@pytest.mark.parametrize("cipher", AEADS, ids=lambda c: c.algorithm)
def test_tampering_wrong_key_wrong_ad_and_truncation_fail(cipher):
    data = cipher.encrypt(A, b"totp seed", b"row-1")
    for i in range(len(data)):
        flipped = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]
        with pytest.raises(DecryptionFailed):
            cipher.decrypt(A, flipped, b"row-1")
    for bad in (data[:-1], data[: cipher.nonce_size + 15], b""):
        with pytest.raises(DecryptionFailed):
            cipher.decrypt(A, bad, b"row-1")
    with pytest.raises(DecryptionFailed):
        cipher.decrypt(B, data, b"row-1")
    with pytest.raises(DecryptionFailed):
        cipher.decrypt(A, data, b"row-2")
    with pytest.raises(DecryptionFailed):
        cipher.decrypt(A, data, None)


def test_noop_cipher_stores_plaintext():
    assert NoopCipher().encrypt(b"", b"visible") == b"visible"
    assert NoopCipher().decrypt(b"", b"visible") == b"visible"


def test_key_id_names_the_key_not_the_secret():
    expected = hmac.new(A, b"kratos-auth key id", hashlib.sha256).hexdigest()[:8]
    assert key_id(A) == expected
    assert key_id(A) != key_id(B)
    assert key_id(A) not in (KEY_A, A.hex())
    assert key_id(A) not in hashlib.sha256(A).hexdigest()[:8]  # not a plain hash of the secret


def test_first_key_seals_every_key_opens():
    old = Keyring(AesGcmCipher(), [A])
    rotated = Keyring(AesGcmCipher(), [B, A])
    data = old.seal(b"v", b"ad")
    key, plaintext = rotated.open(data, b"ad")
    assert (key.id, plaintext) == (key_id(A), b"v")
    key, _ = rotated.open(rotated.seal(b"v"))
    assert key.id == key_id(B)
    with pytest.raises(DecryptionFailed):
        Keyring(AesGcmCipher(), [B, C]).open(data, b"ad")
    with pytest.raises(DecryptionFailed):  # named key id restricts the candidates
        rotated.open(data, b"ad", key_id=key_id(B))


def test_keyring_repr_shows_ids_only():
    text = repr(Keyring(AesGcmCipher(), [A]))
    assert key_id(A) in text and KEY_A not in text


def test_keys_must_be_32_bytes():
    with pytest.raises(ImproperlyConfigured):
        Keyring(AesGcmCipher(), [b"short"])
    with pytest.raises(ImproperlyConfigured):
        Keyring(AesGcmCipher(), [])
    with pytest.raises(ImproperlyConfigured):  # 32 characters, but not 32 bytes
        keyring.secret_to_key("é" * 32, 0)


def test_configured_keyring_follows_settings(configure):
    configure([KEY_B, KEY_A], algorithm="xchacha20-poly1305")
    ring = keyring.configured()
    assert ring.algorithm == "xchacha20-poly1305"
    assert [k.id for k in ring.keys] == [key_id(B), key_id(A)]
    configure([KEY_C])
    assert keyring.configured().algorithm == "aes"
    assert [k.id for k in keyring.configured().keys] == [key_id(C)]


def test_dev_without_secrets_uses_named_dev_key_and_warns(configure, caplog):
    keyring._build.cache_clear()
    configure(None, dev=True)
    with caplog.at_level(logging.WARNING, logger="kratos_auth.security"):
        ring = keyring.configured()
    assert ring.primary.id == key_id(DEV_CIPHER_SECRET.encode())
    assert keyring.uses_dev_key()
    assert any("INSECURE" in r.getMessage() for r in caplog.records)
    assert DEV_CIPHER_SECRET not in caplog.text


def test_configured_keys_are_not_the_dev_key(configure):
    configure([KEY_A])
    assert not keyring.uses_dev_key()


def test_noop_only_when_configured(configure):
    configure([KEY_A])
    assert keyring.configured().algorithm == "aes"  # our default, not Kratos's noop
    configure(None, algorithm="noop")
    assert keyring.configured().algorithm == "noop"
