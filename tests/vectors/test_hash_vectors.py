"""Known answers from reference implementations and Kratos's own tests (``hashes.json``).

Every string was made by ``make_hash_vectors.py`` with argon2-cffi, bcrypt, hashlib,
cryptography, glibc's crypt(3) or Django's hashers, or copied from Kratos's hasher tests.
Then the other direction: what we write verifies in the reference libraries.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import bcrypt
import pytest
from argon2.low_level import Type, verify_secret

from kratos_auth.hashers import (
    hash_password,
    identify,
    validate_hashed_password,
    verify_password,
)

VECTORS = json.loads(Path(__file__).with_name("hashes.json").read_text())["vectors"]


def _id(vector: dict) -> str:
    return f"{vector['source']}:{vector['hash'][:28]}"


@pytest.mark.parametrize("vector", VECTORS, ids=_id)
def test_reference_hash_verifies_and_validates(vector):
    password, hashed = vector["password"], vector["hash"]
    validate_hashed_password(hashed)
    assert verify_password(password, hashed) is True
    assert verify_password(password + "x", hashed) is False
    if vector["family"]:
        assert identify(hashed) == vector["family"]
    else:
        assert identify(hashed) is not None


def test_vectors_cover_every_family():
    families = {identify(v["hash"]) for v in VECTORS}
    assert families == {
        "argon2",
        "bcrypt",
        "pbkdf2",
        "scrypt",
        "firescrypt",
        "md5",
        "sha",
        "ssha",
        "hmac",
        "crypt",
        "django",
    }


@pytest.mark.parametrize("password", ["test", "", "pässwörd 🔑", "x" * 200])
def test_our_argon2_verifies_in_argon2_cffi(password):
    hashed = hash_password(password)
    assert re.fullmatch(
        r"\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}", hashed
    )
    assert verify_secret(hashed.encode(), password.encode(), Type.ID) is True


@pytest.mark.parametrize("password", ["test", "", "pässwörd 🔑", "x" * 72])
def test_our_bcrypt_verifies_in_bcrypt(settings, password):
    settings.KRATOS = {**settings.KRATOS, "hashers": {"algorithm": "bcrypt", "bcrypt": {"cost": 4}}}
    hashed = hash_password(password)
    assert hashed.startswith("$2a$04$") and len(hashed) == 60
    assert bcrypt.checkpw(password.encode(), hashed.encode())
