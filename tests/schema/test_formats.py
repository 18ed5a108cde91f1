"""Format checks are as strict as Kratos's validator, not Python's defaults."""

from __future__ import annotations

import pytest

from kratos_auth.schema.formats import is_email, is_hostname, is_tel


@pytest.mark.parametrize(
    "value",
    [
        "a@b.co",
        "first.last+tag@sub.example.com",
        "x@localhost",
        '"quoted local"@example.com',
        "user@[192.168.0.1]",
        "user@[IPv6:::1]",
        "jörg@example.com",
    ],
)
def test_valid_emails(value):
    assert is_email(value)


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "@example.com",
        "a@",
        "a@@b.co",
        "a b@c.co",
        ".a@b.co",
        "a..b@c.co",
        "a@-b.co",
        "a@b_c.co",
        "a@[999.1.1.1]",
        "x" * 65 + "@b.co",
        "a@" + "b" * 250 + ".co",
        "Jane <jane@example.com>",
    ],
)
def test_invalid_emails(value):
    assert not is_email(value)


def test_non_strings_are_left_to_type_checks():
    assert is_email(5) and is_tel(None)


def test_hostnames():
    assert is_hostname("example.com.") and is_hostname("a-b.c")
    assert not is_hostname("") and not is_hostname("a" * 64 + ".com")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("+4917012345678", True),
        ("+1 (415) 555-2671", True),
        ("004917012345678", True),
        ("017012345678", False),  # national format: no country code
        ("+0123456789", False),
        ("+12", False),
        ("call me", False),
    ],
)
def test_phone_numbers(value, valid):
    assert is_tel(value) is valid
