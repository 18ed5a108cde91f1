"""TOTP: RFC 6238 test vectors, ±1 step, URL round trip, single use per step."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from kratos_auth.core.secret import Secret
from kratos_auth.mfa import totp
from kratos_auth.mfa.models import TotpStep

# RFC 6238, Appendix B (8 digits, 30 s steps).
SHA1_KEY = b"12345678901234567890"
VECTORS = [
    (59, "SHA1", SHA1_KEY, "94287082"),
    (1111111109, "SHA1", SHA1_KEY, "07081804"),
    (1111111111, "SHA1", SHA1_KEY, "14050471"),
    (1234567890, "SHA1", SHA1_KEY, "89005924"),
    (2000000000, "SHA1", SHA1_KEY, "69279037"),
    (20000000000, "SHA1", SHA1_KEY, "65353130"),
    (59, "SHA256", b"12345678901234567890123456789012", "46119246"),
    (59, "SHA512", b"1234567890123456789012345678901234567890123456789012345678901234", "90693936"),
]


def at(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


@pytest.mark.parametrize("seconds,algorithm,secret,expected", VECTORS)
def test_rfc6238_vectors(seconds, algorithm, secret, expected):
    key = totp.TotpKey(Secret(secret), algorithm=algorithm, digits=8)
    assert totp.code_at(key, at(seconds)) == expected


def test_one_step_of_drift_either_side_is_accepted_two_are_not():
    key = totp.new_key("alice@example.com", "Example")
    now = at(1_700_000_000)
    for offset, accepted in ((-60, False), (-30, True), (0, True), (30, True), (60, False)):
        code = totp.code_at(key, now + dt.timedelta(seconds=offset))
        assert (totp.matching_step(key, code, now) is not None) is accepted, offset


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", None, 123, "１２３４５６"])
def test_malformed_codes_never_match(code):
    key = totp.new_key("a", "b")
    assert totp.matching_step(key, code, at(1_700_000_000)) is None


def test_url_round_trip_and_no_secret_in_repr():
    key = totp.new_key("alice@example.com", "Example Inc")
    assert len(key.raw) == 20  # 160 bits (RFC 4226)
    url = key.url()
    assert url.startswith("otpauth://totp/Example%20Inc:alice@example.com?")
    assert f"secret={key.base32}" in url and "issuer=Example%20Inc" in url
    parsed = totp.parse_url(url)
    assert parsed.raw == key.raw and parsed.issuer == "Example Inc"
    assert parsed.account_name == "alice@example.com"
    assert key.base32 not in repr(parsed)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://x",
        "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/x?secret=!!",
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12",
        "otpauth://totp/x?secret=AAAA",
    ],
)
def test_invalid_urls(url):
    with pytest.raises(totp.InvalidTotpUrl):
        totp.parse_url(url)


@pytest.mark.django_db
def test_a_step_is_consumed_once_and_older_steps_are_refused(identity):
    assert totp.consume_step(identity.id, 100)
    assert not totp.consume_step(identity.id, 100)
    assert not totp.consume_step(identity.id, 99)
    assert totp.consume_step(identity.id, 101)
    assert TotpStep.objects.get(identity=identity).last_used_step == 101


@pytest.mark.django_db(transaction=True)
def test_racing_uses_of_one_step_succeed_once(identity):
    if connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite shares one connection between threads")
    results, barrier = [], threading.Barrier(8)

    def use() -> None:
        barrier.wait()
        try:
            results.append(totp.consume_step(identity.id, 5000))
        finally:
            connection.close()

    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
