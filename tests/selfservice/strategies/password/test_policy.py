"""The password policy, with a local HaveIBeenPwned range server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import random

import pytest

from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.strategies.password import hibp, policy

BREACHED = "password"
DIGEST = hashlib.sha1(BREACHED.encode()).hexdigest().upper()  # noqa: S324 - HIBP's protocol
PREFIX, SUFFIX = DIGEST[:5], DIGEST[5:]


def messages(err: pytest.ExceptionInfo) -> list[tuple[str | None, int]]:
    return [(node, message["id"]) for node, message in err.value.messages]


@pytest.fixture
def pwned(configure, http_server):
    """HIBP enabled against the local server (private addresses allowed for it)."""
    hibp.clear_cache()
    http_server.script = [
        (200, f"{SUFFIX}:3730471\r\n0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n".encode())
    ]
    configure(
        selfservice={
            "methods": {
                "password": {
                    "config": {
                        "haveibeenpwned_enabled": True,
                        "haveibeenpwned_host": http_server.url,
                    }
                }
            }
        },
        clients={"http": {"private_ip_exception_urls": [http_server.url + "/range/"]}},
    )
    yield http_server
    hibp.clear_cache()


def naive_levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def test_banded_levenshtein_agrees_with_the_textbook_one():
    rng = random.Random(7)
    for _ in range(2000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 9)))
        assert policy.levenshtein_below(a, b, 5) == (naive_levenshtein(a, b) < 5), (a, b)


@pytest.mark.parametrize(
    ("identifier", "password", "similar"),
    [  # Kratos's own test vectors (validator_test.go)
        ("l3f9toh1uaf81n21", "l3f9toh1uaf81n21", True),
        ("hello@example.com", "hello@example.com12345", True),
        ("hello@example.com", "123hello@example.com123", True),
        ("hello@example.com", "hello@exam", True),
        ("hello@example.com", "HELLO@EXAMPLE.COM", True),
        ("hello@example.com", "hello@example.co", True),
        ("hello@example.com", "l3f9toh1uaf81n21", False),
        ("alice@example.com", "Correct-Horse-9-Battery", False),
    ],
)
def test_identifier_similarity(identifier, password, similar):
    assert policy.too_similar(identifier, password) is similar


def test_min_length_counts_characters(configure, db):
    policy.validate("ñññññññññ"[:8], [])  # 8 characters, 16 bytes: allowed
    with pytest.raises(FlowValidation) as err:
        policy.validate("ñññññññ", [])
    assert messages(err) == [("password", 4000032)]
    assert err.value.messages[0][1]["context"] == {"min_length": 8, "actual_length": 7}


def test_size_is_checked_first_and_cheaply():
    with pytest.raises(FlowValidation) as err:
        policy.check_size("x" * (policy.MAX_PASSWORD_LENGTH + 1))
    assert messages(err) == [("password", 4000033)]
    with pytest.raises(FlowValidation):
        policy.check_size("€" * 1500)  # 1500 characters but 4500 bytes
    policy.check_size("x" * 64)


def test_breached_passwords_are_refused_and_the_protocol_is_k_anonymous(pwned):
    with pytest.raises(FlowValidation) as err:
        policy.validate(BREACHED, [])
    assert messages(err) == [("password", 4000034)]
    assert err.value.messages[0][1]["context"] == {"breaches": 3730471}
    call = pwned.calls[0]
    assert call["path"] == f"/range/{PREFIX}" and call["headers"]["Add-Padding"] == "true"
    assert SUFFIX not in str(call) and BREACHED not in str(call)


def test_padding_entries_and_unknown_suffixes_pass(pwned):
    pwned.script = [(200, b"0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n")]
    policy.validate("a-fine-unbreached-passphrase", [])


def test_answers_are_cached(pwned):
    for _ in range(3):
        with pytest.raises(FlowValidation):
            policy.validate(BREACHED, [])
    assert len(pwned.calls) == 1


def test_max_breaches_allows_rare_leaks(pwned, configure):
    configure(
        selfservice={
            "methods": {
                "password": {
                    "config": {
                        "haveibeenpwned_enabled": True,
                        "haveibeenpwned_host": pwned.url,
                        "max_breaches": 100,
                    }
                }
            }
        },
        clients={"http": {"private_ip_exception_urls": [pwned.url + "/range/"]}},
    )
    pwned.script = [(200, f"{SUFFIX}:12\r\n".encode())]
    policy.validate(BREACHED, [])


def test_network_errors_are_ignored_by_default(pwned, configure):
    configure(  # the exception for 127.0.0.1 is gone: the lookup is refused
        selfservice={
            "methods": {
                "password": {
                    "config": {"haveibeenpwned_enabled": True, "haveibeenpwned_host": pwned.url}
                }
            }
        }
    )
    policy.validate(BREACHED, [])
    assert pwned.calls == []


def test_network_errors_fail_when_not_ignored(pwned, configure):
    configure(
        selfservice={
            "methods": {
                "password": {
                    "config": {
                        "haveibeenpwned_enabled": True,
                        "haveibeenpwned_host": pwned.url,
                        "ignore_network_errors": False,
                    }
                }
            }
        },
        clients={"http": {"private_ip_exception_urls": [pwned.url + "/range/"]}},
    )
    pwned.script = [(503, b"down")]
    with pytest.raises(FlowValidation) as err:
        policy.validate("another-unbreached-passphrase", [])
    assert messages(err) == [("password", 4000005)]


def test_range_parsing():
    assert hibp.parse_range(f"{SUFFIX}:5\r\nABC:1", SUFFIX) == 5
    assert hibp.parse_range(f"abc:1\n{SUFFIX.lower()}", SUFFIX) == 1  # no count: one breach
    assert hibp.parse_range("", SUFFIX) == 0
    with pytest.raises(hibp.HibpUnavailable):
        hibp.parse_range(f"{SUFFIX}:many", SUFFIX)
    assert hibp.range_url("api.pwnedpasswords.com", "ABCDE") == (
        "https://api.pwnedpasswords.com/range/ABCDE"
    )
