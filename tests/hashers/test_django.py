"""Kratos's formats as Django PASSWORD_HASHERS, through django.contrib.auth.hashers."""

from __future__ import annotations

import bcrypt
import pytest
from argon2.low_level import Type, verify_secret
from django.contrib.auth.hashers import (
    check_password,
    get_hasher,
    identify_hasher,
    make_password,
)
from django.test import override_settings

from kratos_auth.hashers import PasswordTooLong, needs_rehash, verify_password

KRATOS_HASHERS = [
    "kratos_auth.hashers.django.KratosArgon2PasswordHasher",
    "kratos_auth.hashers.django.KratosBcryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture(autouse=True)
def kratos_password_hashers():
    with override_settings(PASSWORD_HASHERS=KRATOS_HASHERS):
        yield


def test_make_password_writes_prefixed_kratos_argon2():
    encoded = make_password("s3cret")
    assert encoded.startswith("kratos_argon2$$argon2id$v=19$m=64,t=1,p=1$")
    kratos = encoded.removeprefix("kratos_argon2$")
    assert verify_secret(kratos.encode(), b"s3cret", Type.ID)  # reference library
    assert verify_password("s3cret", kratos) and not needs_rehash(kratos)
    assert identify_hasher(encoded).algorithm == "kratos_argon2"
    assert check_password("s3cret", encoded) is True
    assert check_password("s3creT", encoded) is False


def test_encode_is_deterministic_for_a_given_salt():
    hasher = get_hasher("kratos_argon2")
    salt = hasher.salt()
    assert hasher.encode("pw", salt) == hasher.encode("pw", salt)
    assert hasher.encode("pw", salt) != hasher.encode("pw", hasher.salt())


def test_must_update_follows_kratos_parameters(settings):
    encoded = make_password("s3cret")
    assert get_hasher("kratos_argon2").must_update(encoded) is False
    settings.KRATOS = {
        **settings.KRATOS,
        "hashers": {**settings.KRATOS["hashers"], "argon2": {"memory": "128KB"}},
    }
    assert get_hasher("kratos_argon2").must_update(encoded) is True
    updated = []
    assert check_password("s3cret", encoded, setter=updated.append)
    assert updated == ["s3cret"]


def test_safe_summary_masks_salt_and_hash():
    encoded = make_password("s3cret")
    summary = get_hasher("kratos_argon2").safe_summary(encoded)
    assert summary["memory cost"] == 64 and summary["time cost"] == 1
    assert summary["variety"] == "argon2id"
    assert "*" in summary["salt"] and "*" in summary["hash"]
    salt = encoded.split("$")[5]
    assert salt not in str(summary)


def test_bcrypt_hasher_writes_kratos_2a_and_refuses_long_passwords():
    encoded = make_password("s3cret", hasher="kratos_bcrypt")
    assert encoded.startswith("kratos_bcrypt$$2a$04$")
    kratos = encoded.removeprefix("kratos_bcrypt$")
    assert bcrypt.checkpw(b"s3cret", kratos.encode())
    assert check_password("s3cret", encoded) and not check_password("nope", encoded)
    summary = get_hasher("kratos_bcrypt").safe_summary(encoded)
    assert summary["work factor"] == 4
    with pytest.raises(PasswordTooLong):
        make_password("x" * 73, hasher="kratos_bcrypt")


def test_django_pbkdf2_users_verify_through_kratos_facade():
    encoded = make_password("legacy-pass", hasher="pbkdf2_sha256")
    assert verify_password("legacy-pass", encoded)
    assert not verify_password("legacy-Pass", encoded)
    assert needs_rehash(encoded)


def test_foreign_encoded_is_not_ours():
    hasher = get_hasher("kratos_argon2")
    assert hasher.verify("pw", "kratos_bcrypt$$2a$04$" + "a" * 53) is False
    assert hasher.must_update("pbkdf2_sha256$1$salt$hash") is True
