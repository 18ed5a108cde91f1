"""Data moved from Kratos stays readable: known answers made with cryptography and PyNaCl."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from nacl import bindings

from kratos_auth.cipher import sealing
from kratos_auth.cipher.fields import Sealed
from kratos_auth.errors import DecryptionFailed
from kratos_auth.models import Credential

from .conftest import KEY_A, KEY_B

CONTEXT = sealing.Context("t", "c", "1")
NONCE_12 = bytes(range(12))
NONCE_24 = bytes(range(24))


def kratos_aes(secret: str, plaintext: bytes, nonce: bytes = NONCE_12) -> str:
    """What Kratos's aes cipher (cryptopasta) writes: hex(nonce ‖ ciphertext ‖ tag), no AD."""
    return (nonce + AESGCM(secret.encode()).encrypt(nonce, plaintext, None)).hex()


def kratos_xchacha(secret: str, plaintext: bytes, nonce: bytes = NONCE_24) -> str:
    """What Kratos's xchacha20-poly1305 cipher writes: hex(nonce ‖ ciphertext ‖ tag), no AD."""
    sealed = bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        plaintext, None, nonce, secret.encode()
    )
    return (nonce + sealed).hex()


# Fixed vectors, produced once by the functions above (so a library change is also caught).
AES_VECTOR = "000102030405060708090a0b" + "fc7e0ff5ca47ba989bab142a604cd7ddaf76cca4cbef0f20a1"
XCHACHA_VECTOR = (
    "000102030405060708090a0b0c0d0e0f1011121314151617"
    + "ce013a19818ad4d092919fb2ceeafb5d4e5c1528eb519be044"
)


def test_fixed_vectors_match_reference_libraries():
    assert kratos_aes(KEY_A, b"my secret") == AES_VECTOR
    assert kratos_xchacha(KEY_A, b"my secret") == XCHACHA_VECTOR


@pytest.mark.parametrize(
    ("algorithm", "make"), [("aes", kratos_aes), ("xchacha20-poly1305", kratos_xchacha)]
)
def test_kratos_ciphertext_is_read_with_any_configured_key(configure, algorithm, make):
    configure([KEY_B, KEY_A], algorithm=algorithm)
    label, plaintext = sealing.open_(make(KEY_A, b"otpauth://totp/x"), CONTEXT)
    assert plaintext == b"otpauth://totp/x"
    assert label.endswith("(kratos-format)")
    configure([KEY_B], algorithm=algorithm)
    with pytest.raises(DecryptionFailed):
        sealing.open_(make(KEY_A, b"otpauth://totp/x"), CONTEXT)


def test_fixed_vectors_decrypt(configure):
    configure([KEY_A])
    assert sealing.open_(AES_VECTOR, CONTEXT)[1] == b"my secret"
    assert sealing.open_(AES_VECTOR.upper(), CONTEXT)[1] == b"my secret"  # Go hex reads both
    configure([KEY_A], algorithm="xchacha20-poly1305")
    assert sealing.open_(XCHACHA_VECTOR, CONTEXT)[1] == b"my secret"


def test_kratos_empty_string_is_empty_value(configure):
    configure([KEY_A])
    assert sealing.open_("", CONTEXT)[1] == b""


def test_kratos_noop_is_hex_of_plaintext(configure):
    configure(None, algorithm="noop")
    assert sealing.open_(b"plain".hex(), CONTEXT)[1] == b"plain"


def test_tampered_kratos_ciphertext_fails(configure):
    configure([KEY_A])
    bad = AES_VECTOR[:-2] + ("00" if AES_VECTOR[-2:] != "00" else "01")
    with pytest.raises(DecryptionFailed):
        sealing.open_(bad, CONTEXT)
    with pytest.raises(DecryptionFailed):
        sealing.open_(AES_VECTOR[:30], CONTEXT)


@pytest.mark.django_db
def test_credential_migrated_from_kratos_reads_and_is_resealed_on_save(configure, make_credential):
    configure([KEY_A])
    credential = make_credential({})
    stored = kratos_aes(KEY_A, json.dumps({"totp_url": "otpauth://x"}).encode())
    Credential.objects.filter(pk=credential.pk).update(config=Sealed(stored))
    loaded = Credential.objects.get(pk=credential.pk)
    assert loaded.config == {"totp_url": "otpauth://x"}
    loaded.save()
    raw = Credential.objects.values_list("config", flat=True).get(pk=credential.pk)
    assert raw.startswith("kx1:aes:")  # now bound to its row in our envelope
    assert Credential.objects.get(pk=credential.pk).config == {"totp_url": "otpauth://x"}
