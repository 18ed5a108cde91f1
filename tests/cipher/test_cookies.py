"""Sealed cookie values: first secret seals, every secret opens, anything odd gives None."""

from __future__ import annotations

import base64
import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from kratos_auth.cipher.cookies import open_, seal

OLD = "old-cookie-secret-0123456789"
NEW = "new-cookie-secret-0123456789"


def test_round_trip_and_url_safe():
    token = seal("session=abc; ünïcode", [NEW], "session")
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert "abc" not in token
    assert open_(token, [NEW], "session") == "session=abc; ünïcode"


def test_random_nonce_each_time():
    assert seal("x", [NEW], "session") != seal("x", [NEW], "session")


def test_rotation_first_seals_all_open():
    old_token = seal("v", [OLD], "session")
    assert open_(old_token, [NEW, OLD], "session") == "v"
    new_token = seal("v", [NEW, OLD], "session")
    assert open_(new_token, [NEW], "session") == "v"
    assert open_(new_token, [OLD], "session") is None


def test_purpose_binds_the_token():
    token = seal("v", [NEW], "session")
    assert open_(token, [NEW], "csrf") is None


def test_foreign_secret_gives_none():
    assert open_(seal("v", [OLD], "session"), [NEW], "session") is None


def test_every_tampered_byte_gives_none():
    token = seal("value", [NEW], "session")
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    for i in range(len(raw)):
        bad = raw[:i] + bytes([raw[i] ^ 0x80]) + raw[i + 1 :]
        assert open_(base64.urlsafe_b64encode(bad).rstrip(b"=").decode(), [NEW], "session") is None


@pytest.mark.parametrize(
    "token",
    ["", "A", "AA", "!!!!", "a b", "é", "A" * 9000, None, 42, b"bytes"],
)
def test_garbage_never_raises(token):
    assert open_(token, [NEW], "session") is None


def test_truncated_gives_none():
    token = seal("value", [NEW], "session")
    for cut in range(1, len(token)):
        assert open_(token[:cut], [NEW], "session") is None


def test_no_secrets():
    assert open_(seal("v", [NEW], "p"), [], "p") is None
    with pytest.raises(ImproperlyConfigured):
        seal("v", [], "p")
