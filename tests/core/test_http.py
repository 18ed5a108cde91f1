"""The outbound-HTTP guard shared by schema fetching, the HTTP courier and web hooks."""

from __future__ import annotations

import pytest

from kratos_auth.core import http


def _resolves_to(monkeypatch, *addresses):
    monkeypatch.setattr(
        http.socket,
        "getaddrinfo",
        lambda host, port, **kw: [(2, 1, 6, "", (a, port)) for a in addresses],
    )


@pytest.mark.parametrize(
    ("url", "exceptions", "exempt"),
    [
        ("http://10.0.0.1/hook", ["http://10.0.0.1/hook"], True),
        ("http://10.0.0.1/hook/x", ["http://10.0.0.1/hook"], False),
        ("http://10.0.0.1/hook/x", ["http://10.0.0.1/hook/"], True),
        ("http://10.0.0.2/", ["http://10.0.0.1/"], False),
        ("http://10.0.0.1/", [], False),
    ],
)
def test_exception_urls_match_exactly_or_by_prefix_ending_in_a_slash(url, exceptions, exempt):
    assert http.is_exempt(url, exceptions) is exempt


def test_default_ports():
    assert http.default_port("https", None) == 443
    assert http.default_port("http", None) == 80
    assert http.default_port("https", 8443) == 8443


def test_a_host_with_any_private_address_is_refused(monkeypatch):
    _resolves_to(monkeypatch, "93.184.216.34", "10.0.0.7")
    with pytest.raises(http.PrivateAddress):
        http.check_host("example.com", 443)


def test_a_host_with_only_public_addresses_passes(monkeypatch):
    _resolves_to(monkeypatch, "93.184.216.34")
    http.check_host("example.com", 443)


def test_a_host_without_addresses_is_refused(monkeypatch):
    _resolves_to(monkeypatch)
    with pytest.raises(http.PrivateAddress):
        http.check_host("example.com", 443)


def test_an_unresolvable_host_is_refused(monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("no such host")

    monkeypatch.setattr(http.socket, "getaddrinfo", fail)
    with pytest.raises(http.HostUnresolvable):
        http.check_host("nowhere.invalid", 80)
