"""MD4 (for ``$hmac-md4$`` imports) against RFC 1320's test suite."""

from __future__ import annotations

import hmac

import pytest

from kratos_auth.hashers.md4 import MD4

RFC1320 = [
    (b"", "31d6cfe0d16ae931b73c59d7e0c089c0"),
    (b"a", "bde52cb31de33e46245e05fbdbd6fb24"),
    (b"abc", "a448017aaf21d8525fc10ae87aa6729d"),
    (b"message digest", "d9130a8164549fe818874806e1c7014b"),
    (b"abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"),
    (
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "043f8582f241db351ce627e153e7f0e4",
    ),
    (b"1234567890" * 8, "e33b4ddc9c38f2199c3e7b164fcc0536"),
]


@pytest.mark.parametrize(("message", "digest"), RFC1320)
def test_rfc1320(message, digest):
    assert MD4(message).hexdigest() == digest
    split = MD4(message[:5])
    split.update(message[5:])
    assert split.hexdigest() == digest


def test_hmac_md4_matches_kratos_example():
    # ory/kratos hash/hasher_test.go: $hmac-md4$ of "test" with key "12345"
    assert hmac.new(b"12345", b"test", MD4).hexdigest() == "1d9e28776f88ba6149b449328a85e8b0"
