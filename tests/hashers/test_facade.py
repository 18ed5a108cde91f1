"""The facade: configured hashing, verification by prefix, rehash decisions, import checks."""

from __future__ import annotations

import base64
import hashlib

import bcrypt
import pytest
from argon2.low_level import Type, hash_secret, verify_secret

from kratos_auth import hashers
from kratos_auth.hashers import (
    HashFormatError,
    PasswordTooLong,
    dummy_verify,
    facade,
    hash_password,
    needs_rehash,
    validate_hashed_password,
    verify_password,
)
from kratos_auth.hashers import argon2 as argon2_module


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def test_argon2_custom_salt_and_key_lengths(hashers_config):
    hashers_config({"argon2": {"salt_length": 24, "key_length": 48, "iterations": 2}})
    hashed = hash_password("secret")
    _, _, _, params, salt, key = hashed.split("$")
    assert params == "m=64,t=2,p=1"
    assert len(base64.b64decode(salt + "==")) == 24 and "=" not in salt
    assert len(base64.b64decode(key + "==")) == 48 and "=" not in key
    assert verify_secret(hashed.encode(), b"secret", Type.ID)
    assert verify_password("secret", hashed) and not verify_password("Secret", hashed)


def test_memory_in_kib_integers_is_kratos_security_guide_form(hashers_config):
    hashers_config({"argon2": {"memory": 128}})  # KiB, as in Kratos's docs
    assert "$m=128," in hash_password("secret")


def test_bcrypt_algorithm_writes_kratos_2a(hashers_config):
    hashers_config({"algorithm": "bcrypt", "bcrypt": {"cost": 5}})
    hashed = hash_password("secret")
    assert hashed.startswith("$2a$05$") and len(hashed) == 60
    assert bcrypt.checkpw(b"secret", hashed.encode())
    assert verify_password("secret", hashed) and not verify_password("secreT", hashed)


@pytest.mark.parametrize("hashed", ["", "plain", "$unknown$12$abc", "$argon2id$garbage", None])
def test_unknown_or_malformed_never_verifies(hashed):
    assert verify_password("anything", hashed) is False


@pytest.mark.parametrize(
    "change",
    [
        {"argon2": {"memory": "128KB"}},
        {"argon2": {"iterations": 2}},
        {"argon2": {"parallelism": 2}},
        {"argon2": {"salt_length": 32}},
        {"argon2": {"key_length": 64}},
        {"algorithm": "bcrypt"},
    ],
)
def test_needs_rehash_when_any_argon2_parameter_changes(hashers_config, change):
    hashed = hash_password("secret")
    assert needs_rehash(hashed) is False
    hashers_config(change)
    assert needs_rehash(hashed) is True
    assert verify_password("secret", hashed)  # still verifies with its own parameters


def test_needs_rehash_bcrypt_cost_and_foreign_formats(hashers_config):
    hashers_config({"algorithm": "bcrypt", "bcrypt": {"cost": 4}})
    own = hash_password("secret")
    assert needs_rehash(own) is False
    assert needs_rehash("$2b$" + own[4:]) is False  # same cost, other minor version
    hashers_config({"bcrypt": {"cost": 5}})
    assert needs_rehash(own) is True
    assert needs_rehash("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$" + "A" * 43) is True


def test_needs_rehash_for_argon2i_and_foreign_formats():
    argon2i = hash_secret(b"secret", b"saltsalt", 1, 64, 1, 32, Type.I).decode()
    assert verify_password("secret", argon2i)
    assert needs_rehash(argon2i) is True
    assert needs_rehash("argon2" + hash_password("secret")[1:]) is True  # Django's spelling
    assert needs_rehash("{SSHA}JFZFs0oHzxbMwkSJmYVeI8MnTDy/276a") is True
    assert needs_rehash("nonsense") is True


OUT_OF_BOUNDS = [
    ("$argon2id$v=19$m=2097152,t=1,p=1$c2FsdHNhbHQ$" + "A" * 43, "argon2 memory"),
    ("$argon2id$v=19$m=65536,t=5,p=1$c2FsdHNhbHQ$" + "A" * 43, "memory x iterations"),
    ("$argon2id$v=19$m=64,t=100,p=1$c2FsdHNhbHQ$" + "A" * 43, "argon2 iterations"),
    ("$argon2id$v=19$m=1024,t=1,p=100$c2FsdHNhbHQ$" + "A" * 43, "argon2 parallelism"),
    ("$argon2id$v=19$m=8,t=1,p=4$c2FsdHNhbHQ$" + "A" * 43, "8 KiB per lane"),
    ("$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$" + "A" * 43, "incompatible version"),
    ("$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + "A" * 43, "salt"),
    ("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$", "key"),
    ("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ=$" + "A" * 43, "unpadded"),
    ("$pbkdf2-sha256$i=5000000,l=32$c2FsdA$" + "A" * 43, "pbkdf2 iterations"),
    ("$pbkdf2-sha1$i=3000000,l=64$c2FsdA$" + "A" * 86, "blocks"),
    ("$pbkdf2-sha256$i=0,l=32$c2FsdA$" + "A" * 43, "at least 1"),
    ("$scrypt$ln=1048576,r=8,p=1$c2FsdA==$" + b64(bytes(32)), "scrypt N=1048576"),
    ("$scrypt$ln=1000,r=8,p=1$c2FsdA==$" + b64(bytes(32)), "power of two"),
    ("$scrypt$ln=1024,r=8,p=1$c2FsdA==$", "scrypt key"),
    ("$firescrypt$ln=24,r=8,p=1$c2FsdA==$" + b64(bytes(32)) + "$Bw==$AA==", "scrypt N"),
    ("$2a$31$" + "a" * 53, "bcrypt cost 31"),
    ("$2a$12$tooshort", "bcrypt hash must look like"),
    ("$sha512-crypt$rounds=5000000$salt$" + "a" * 86, "rounds 5000000"),
    ("$sha256-crypt$rounds=10$salt$" + "a" * 43, "rounds 10"),
    ("$md5$AAAA", "16 bytes"),
    ("$sha1$pf=$c2FsdA==$" + b64(bytes(20)), "pattern"),
    ("$hmac-md5$" + b64(b"abc"), "hmac hash must look like"),
    ("{SSHA}dG9vc2hvcnQ=", "too short"),
    ("{SSHA384}" + b64(bytes(60)), "unknown hash algorithm"),
    ("pbkdf2_sha256$9000000$salt$" + b64(bytes(32)), "pbkdf2 iterations"),
    ("scrypt$1048576$salt$8$1$" + b64(bytes(64)), "scrypt N"),
    ("$argon2d$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$" + "A" * 43, "unknown hash algorithm"),
    ("$" + "x" * 5000, "unknown hash algorithm"),
    ("$argon2id$v=19$m=64,t=1,p=1$" + "A" * 2000 + "$" + "A" * 43, "too long"),
]


@pytest.mark.parametrize(("hashed", "problem"), OUT_OF_BOUNDS, ids=[p for _, p in OUT_OF_BOUNDS])
def test_validate_names_the_problem_and_verify_computes_nothing(hashed, problem, monkeypatch):
    with pytest.raises(HashFormatError, match=problem.replace("(", r"\(")):
        validate_hashed_password(hashed)

    def boom(*args, **kwargs):
        raise AssertionError("computed a hash for an invalid import")

    monkeypatch.setattr(argon2_module, "hash_secret_raw", boom)
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", boom)
    monkeypatch.setattr(hashlib, "scrypt", boom)
    monkeypatch.setattr(bcrypt, "checkpw", boom)
    assert verify_password("password", hashed) is False


def test_kratos_quirk_empty_key_matches_any_password_is_refused():
    # Kratos compares an empty derived key equal to an empty stored key: any password matches.
    assert verify_password("whatever", "$scrypt$ln=1024,r=8,p=1$c2FsdA==$") is False
    assert verify_password("whatever", "$pbkdf2-sha256$i=1000,l=0$c2FsdA$") is False


def test_unknown_format_message():
    with pytest.raises(HashFormatError, match="unknown hash algorithm"):
        validate_hashed_password("$unknown$12$abc")
    with pytest.raises(HashFormatError, match="empty"):
        validate_hashed_password("")


def test_bcrypt_refuses_over_72_bytes_and_never_truncates(hashers_config):
    hashers_config({"algorithm": "bcrypt", "bcrypt": {"cost": 4}})
    with pytest.raises(PasswordTooLong) as info:
        hash_password("é" * 37)  # 74 bytes, 37 characters
    assert info.value.max_bytes == 72 and info.value.actual_bytes == 74
    stored = bcrypt.hashpw(b"a" * 72, bcrypt.gensalt(4)).decode()
    assert verify_password("a" * 72, stored)
    assert verify_password("a" * 73, stored) is False  # bcrypt alone would say True


def test_passwords_over_4096_bytes_are_refused():
    with pytest.raises(PasswordTooLong):
        hash_password("x" * 4097)
    stored = hash_secret(b"x" * 4097, b"saltsalt", 1, 64, 1, 32, Type.ID).decode()
    assert verify_password("x" * 4097, stored) is False
    assert verify_password("x" * 4096, hash_password("x" * 4096))


def test_lone_surrogates_hash_like_go_replacement_characters():
    hashed = hash_password("pass\ud800word")
    assert verify_password("pass\ufffdword", hashed)


def test_dummy_verify_costs_one_verification_with_configured_parameters(
    hashers_config, monkeypatch
):
    calls = []
    real = argon2_module.hash_secret_raw

    def counting(**kwargs):
        calls.append((kwargs["memory_cost"], kwargs["time_cost"]))
        return real(**kwargs)

    monkeypatch.setattr(argon2_module, "hash_secret_raw", counting)
    hashers_config({"argon2": {"memory": "96KB", "iterations": 2}})
    facade._dummy_hash.cache_clear()
    assert dummy_verify("guess") is None
    assert calls == [(96, 2), (96, 2)]  # the dummy hash (once) and the verification
    dummy_verify("another guess")
    assert calls == [(96, 2)] * 3
    hashers_config({"argon2": {"memory": "128KB"}})
    dummy_verify("guess")
    assert calls[-1] == (128, 2)


def test_facade_rebuilds_when_settings_change(hashers_config):
    first = hashers.current_settings()
    hashers_config({"argon2": {"iterations": 3}})
    second = hashers.current_settings()
    assert (first.argon2.iterations, second.argon2.iterations) == (1, 3)
    assert second.bounds.argon2_max_memory_kib == 64 * 1024  # dedicated_memory of the profile
