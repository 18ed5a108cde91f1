"""Kratos's factor rules and the secret-free config view, credential by credential."""

from __future__ import annotations

import pytest

from kratos_auth.identity.credentials import (
    CredentialData,
    FactorOptions,
    available_aal,
    public_config,
    user_handle_identifier,
)

OFF = FactorOptions()


def cred(kind, config=None, identifiers=("id",)):
    return CredentialData(kind, config or {}, tuple(identifiers))


@pytest.mark.parametrize(
    ("credentials", "options", "aal"),
    [
        ([], OFF, "aal0"),
        ([cred("password", {"hashed_password": ""})], OFF, "aal0"),
        ([cred("password", {"hashed_password": "$argon2id$..."}, ())], OFF, "aal0"),
        ([cred("password", {"hashed_password": "$argon2id$..."})], OFF, "aal1"),
        ([cred("oidc", {"providers": [{"provider": "g", "subject": "1"}]}, ["g:1"])], OFF, "aal1"),
        ([cred("oidc", {"providers": [{"provider": "g", "subject": "1"}]}, ["g:2"])], OFF, "aal0"),
        ([cred("saml", {"providers": [{"provider": "s", "subject": "1"}]}, ["s:1"])], OFF, "aal1"),
        ([cred("code", {"addresses": [{"channel": "email", "address": "a@b"}]})], OFF, "aal0"),
        (
            [cred("code", {"addresses": []})],
            FactorOptions(code_passwordless=True),
            "aal1",
        ),
        (
            [cred("code", {"addresses": [{"channel": "email", "address": "a@b"}]})],
            FactorOptions(code_mfa=True),
            "aal2",
        ),
        ([cred("passkey", {"credentials": [{"id": "x"}]})], OFF, "aal1"),
        ([cred("passkey", {"credentials": [{"id": "x"}]}, ())], OFF, "aal0"),
        ([cred("webauthn", {"credentials": [{"is_passwordless": True}]})], OFF, "aal1"),
        ([cred("webauthn", {"credentials": [{"is_passwordless": True}]}, ())], OFF, "aal0"),
        ([cred("webauthn", {"credentials": [{"is_passwordless": False}]}, ())], OFF, "aal2"),
        ([cred("totp", {"totp_url": "otpauth://totp/x"})], OFF, "aal2"),
        ([cred("totp", {"totp_url": ""})], OFF, "aal0"),
        ([cred("lookup_secret", {"recovery_codes": [{"code": "x"}]})], OFF, "aal2"),
        ([cred("lookup_secret", {"recovery_codes": []})], OFF, "aal0"),
    ],
)
def test_available_aal(credentials, options, aal):
    assert available_aal(credentials, options) == aal


def test_public_config_of_unknown_types_is_empty():
    assert public_config("saml", {"providers": [{"provider": "p", "subject": "s", "x": 1}]}) == {
        "providers": [{"subject": "s", "provider": "p"}]
    }
    assert public_config("deviceauthn", {"secret": "x"}) == {}
    assert public_config("password", {"hashed_password": "h"}) == {}


def test_user_handle_identifier():
    assert user_handle_identifier("dXNlcg==") == "user"
    assert user_handle_identifier("dXNlcg") == "user"
    assert user_handle_identifier("/w==") == "_w"  # not UTF-8: base64url of the bytes
    assert user_handle_identifier(None) == ""
