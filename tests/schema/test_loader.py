"""Schema documents are read from file://, base64:// and http(s):// with bounds and SSRF guards."""

from __future__ import annotations

import base64
import json

import pytest

from kratos_auth.core import http
from kratos_auth.schema import loader
from kratos_auth.schema.loader import SchemaLoadError, is_public_address, load_document

DOC = {"type": "object", "properties": {"traits": {"type": "object"}}}
RAW = json.dumps(DOC).encode()


def test_file_url_absolute_and_relative(tmp_path, monkeypatch):
    path = tmp_path / "schema one.json"
    path.write_bytes(RAW)
    assert load_document(path.as_uri()) == DOC  # percent-encoded space
    monkeypatch.chdir(tmp_path)
    assert load_document("file://schema one.json") == DOC


def test_missing_file_is_a_load_error_naming_the_file(tmp_path):
    with pytest.raises(SchemaLoadError, match="cannot read file://"):
        load_document((tmp_path / "nope.json").as_uri())


def test_file_larger_than_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_SCHEMA_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_bytes(RAW)
    with pytest.raises(SchemaLoadError, match="size limit"):
        load_document(path.as_uri())


@pytest.mark.parametrize(
    "encode",
    [
        base64.b64encode,
        base64.urlsafe_b64encode,
        lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"="),
    ],
    ids=["standard", "urlsafe", "unpadded"],
)
def test_base64_urls(encode):
    assert load_document("base64://" + encode(RAW).decode()) == DOC


def test_invalid_base64_and_invalid_json_are_load_errors():
    with pytest.raises(SchemaLoadError, match="not valid base64"):
        load_document("base64://***")
    with pytest.raises(SchemaLoadError, match="not valid JSON"):
        load_document("base64://" + base64.b64encode(b"{nope").decode())


def test_unknown_scheme_is_refused():
    with pytest.raises(SchemaLoadError, match="unsupported"):
        load_document("ftp://example.com/schema.json")


def test_http_fetch_on_loopback_needs_the_explicit_override(schema_server):
    url = schema_server.serve("/s.json", RAW)
    with pytest.raises(SchemaLoadError, match="private or reserved"):
        load_document(url)
    assert schema_server.requests == []  # refused before any request was sent
    assert load_document(url, allow_private=True) == DOC


def test_http_redirects_are_followed_and_checked(schema_server):
    target = schema_server.serve("/real.json", RAW)
    start = schema_server.serve("/start", b"", status=302, Location="/real.json")
    assert load_document(start, allow_private=True) == DOC
    assert schema_server.requests == ["/start", "/real.json"]
    schema_server.serve("/loop", b"", status=302, Location="/loop")
    with pytest.raises(SchemaLoadError, match="too many redirects"):
        load_document(schema_server.url + "/loop", allow_private=True)
    assert target


def test_http_redirect_to_other_scheme_is_refused(schema_server):
    url = schema_server.serve("/r", b"", status=302, Location="file:///etc/passwd")
    with pytest.raises(SchemaLoadError, match="refusing"):
        load_document(url, allow_private=True)


def test_http_error_status_and_size_limits(schema_server, monkeypatch):
    with pytest.raises(SchemaLoadError, match="HTTP 404"):
        load_document(schema_server.url + "/missing", allow_private=True)
    monkeypatch.setattr(loader, "MAX_SCHEMA_BYTES", 10)
    declared = schema_server.serve("/big", RAW)
    with pytest.raises(SchemaLoadError, match="size limit"):
        load_document(declared, allow_private=True)
    streamed = schema_server.serve("/big-stream", RAW, **{"Content-Length": "omit"})
    with pytest.raises(SchemaLoadError, match="size limit"):
        load_document(streamed, allow_private=True)


def test_connection_errors_and_timeouts_are_load_errors(monkeypatch):
    import requests

    def boom(*args, **kwargs):
        assert kwargs["timeout"] == loader.FETCH_TIMEOUT
        raise requests.Timeout("slow")

    monkeypatch.setattr(loader.requests, "get", boom)
    with pytest.raises(SchemaLoadError, match="Timeout"):
        load_document("http://127.0.0.1:9/x.json", allow_private=True)


def test_hostnames_resolving_to_private_addresses_are_refused(monkeypatch):
    monkeypatch.setattr(
        http.socket,
        "getaddrinfo",
        lambda host, port, **kw: [(2, 1, 6, "", ("10.0.0.7", port))],
    )
    with pytest.raises(SchemaLoadError, match="private or reserved"):
        load_document("https://schemas.example.com/s.json")


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("224.0.0.1", False),
        ("not-an-ip", False),
    ],
)
def test_public_address_classification(address, public):
    assert is_public_address(address) is public


def test_peer_address_is_checked_after_connecting(schema_server, monkeypatch):
    # DNS said "public" (rebinding), but the connection lands on 127.0.0.1: refused.
    url = schema_server.serve("/s.json", RAW)
    monkeypatch.setattr(loader, "_check_host", lambda host, port: None)
    with pytest.raises(SchemaLoadError, match="connected to a private address"):
        load_document(url)
