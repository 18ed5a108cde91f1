"""WebAuthn ceremonies against the software authenticator (real CBOR/COSE/ECDSA structures)."""

from __future__ import annotations

import pytest

from kratos_auth.mfa import ceremonies
from kratos_auth.mfa.relying_party import RelyingParty
from tests.mfa.authenticator import SoftAuthenticator

RP = RelyingParty("auth.example.test", "Example", ("https://auth.example.test",))


def register(device: SoftAuthenticator, fmt: str = "none") -> ceremonies.Registered:
    challenge = ceremonies.begin_registration(RP, user_id=b"user-1", user_name="alice")
    return ceremonies.finish_registration(
        RP, challenge.session, device.create(challenge.options, fmt)
    )


@pytest.mark.parametrize("fmt", ["none", "packed"])
def test_registration_then_login(fmt):
    device = SoftAuthenticator("https://auth.example.test")
    key = register(device, fmt)
    assert key.attestation_type == fmt
    assert key.aaguid == bytes(range(16))
    challenge = ceremonies.begin_login(RP, allow=[key.credential_id])
    options = challenge.options["publicKey"]
    assert options["rpId"] == "auth.example.test"
    assert len(ceremonies.from_b64url(options["challenge"])) >= 16  # >= 128 bits
    assertion = ceremonies.parse_assertion(device.get(challenge.options))
    candidate = ceremonies.Candidate(key.credential_id, key.public_key)
    chosen, asserted = ceremonies.finish_login(RP, challenge.session, assertion, [candidate])
    assert chosen is candidate
    assert asserted.sign_count == 1


def test_wrong_origin_is_refused():
    device = SoftAuthenticator("https://evil.example")
    with pytest.raises(ceremonies.WebAuthnFailed):
        register(device)


def test_assertion_for_another_challenge_is_refused():
    device = SoftAuthenticator("https://auth.example.test")
    key = register(device)
    first = ceremonies.begin_login(RP, allow=[key.credential_id])
    second = ceremonies.begin_login(RP, allow=[key.credential_id])
    assertion = ceremonies.parse_assertion(device.get(first.options))
    with pytest.raises(ceremonies.WebAuthnFailed):
        ceremonies.finish_login(
            RP, second.session, assertion, [ceremonies.Candidate(key.credential_id, key.public_key)]
        )


def test_signature_by_another_key_is_refused():
    device = SoftAuthenticator("https://auth.example.test")
    key = register(device)
    other = register(SoftAuthenticator("https://auth.example.test"))
    challenge = ceremonies.begin_login(RP, allow=[key.credential_id])
    assertion = ceremonies.parse_assertion(device.get(challenge.options))
    forged = ceremonies.Candidate(key.credential_id, other.public_key)
    with pytest.raises(ceremonies.WebAuthnFailed):
        ceremonies.finish_login(RP, challenge.session, assertion, [forged])


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"response": 1}', "x" * 40000, None])
def test_garbage_is_malformed(garbage):
    with pytest.raises(ceremonies.WebAuthnMalformed):
        ceremonies.parse_assertion(garbage)
