"""Identifier and address normalisation (what makes two spellings the same account)."""

from __future__ import annotations

import pytest

from kratos_auth.schema import (
    normalize_address,
    normalize_code_identifier,
    normalize_email,
    normalize_identifier,
    normalize_phone,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Foo@Example.COM\t", "foo@example.com"),
        ("ＪＯＨＮ", "john"),  # fullwidth letters (NFKC)
        ("Straße", "strasse"),  # case folding, not just lowercasing
        ("STRASSE", "strasse"),
        ("ﬁle", "file"),  # ligature (NFKC)
        ("Åsa", "åsa"),
        ("A\u030asa", "åsa"),  # decomposed Å composes under NFKC
    ],
)
def test_identifiers(raw, expected):
    assert normalize_identifier(raw) == expected


def test_email_addresses_are_lowercased_but_not_folded():
    assert normalize_email("  Straße@Example.DE ") == "straße@example.de"
    assert normalize_address("Foo@Bar.io", "email") == "foo@bar.io"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+49 (170) 123-4567", "+491701234567"),
        ("0049 170.1234567", "+491701234567"),
        ("＋４９１７０１２３４５６７", "+491701234567"),
    ],
)
def test_phone_numbers(raw, expected):
    assert normalize_phone(raw) == expected
    assert normalize_address(raw, "sms") == expected
    assert normalize_code_identifier(raw, "sms") == expected


def test_code_identifiers_by_email_are_identifiers():
    assert normalize_code_identifier(" A@B.io", "email") == "a@b.io"
    assert normalize_code_identifier(" A@B.io", None) == "a@b.io"
