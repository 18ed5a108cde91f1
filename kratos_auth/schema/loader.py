"""Reads identity schema documents from ``file://``, ``base64://`` and ``http(s)://`` URLs.

Like Kratos, a configured schema URL may point at a local file, carry the document inline
(``base64://…``) or name a web address. Every source is bounded (:data:`MAX_SCHEMA_BYTES`);
web fetches time out (:data:`FETCH_TIMEOUT`), follow at most :data:`MAX_REDIRECTS`
redirects, and refuse hosts that resolve to private, loopback, link-local or otherwise
non-global addresses unless ``identity.allow_private_schema_urls`` is set (SECURITY.md:
outbound HTTP refuses private addresses unless configured otherwise).
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import requests

from kratos_auth.core import http
from kratos_auth.core.http import is_public_address as is_public_address  # re-exported

JSON = Any

MAX_SCHEMA_BYTES = 1 << 20  # 1 MiB: far above any real identity schema
FETCH_TIMEOUT = 5.0  # seconds, for connecting and for each read
MAX_REDIRECTS = 3
_ACCEPT = "application/schema+json, application/json;q=0.9, */*;q=0.1"


class SchemaLoadError(Exception):
    """A schema document could not be read. The message names the cause, never content."""


def load_document(url: str, *, allow_private: bool = False) -> JSON:
    """Read and parse the JSON document at ``url``. Raises :class:`SchemaLoadError`."""
    raw = read_url(url, allow_private=allow_private)
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as err:
        raise SchemaLoadError(f"{describe(url)} is not valid JSON") from err


def read_url(url: str, *, allow_private: bool = False) -> bytes:
    """The raw bytes behind ``url``. Raises :class:`SchemaLoadError`."""
    scheme, sep, _ = url.partition("://")
    scheme = scheme.lower() if sep else ""
    if scheme == "file":
        return _read_file(url)
    if scheme == "base64":
        return _read_base64(url)
    if scheme in ("http", "https"):
        return _fetch(url, allow_private=allow_private)
    raise SchemaLoadError(f"unsupported schema URL scheme {scheme or '(none)'!r}")


def describe(url: str) -> str:
    """A short, log-safe name for ``url`` (inline documents are not echoed)."""
    if url.lower().startswith("base64://"):
        return "base64:// schema"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _read_file(url: str) -> bytes:
    # Kratos accepts both file:///abs/path and file://relative/path (relative to the cwd).
    path = Path(unquote(url[len("file://") :]))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCHEMA_BYTES + 1)
    except OSError as err:
        raise SchemaLoadError(f"cannot read {describe(url)}: {err.strerror}") from err
    return _bounded(data, url)


def _read_base64(url: str) -> bytes:
    payload = "".join(url[len("base64://") :].split())
    if len(payload) > (MAX_SCHEMA_BYTES // 3 + 1) * 4:
        raise SchemaLoadError("base64:// schema is larger than the size limit")
    padded = payload + "=" * (-len(payload) % 4)
    # Standard alphabet first (Kratos's examples), then the URL-safe one.
    for alphabet in (b"+/", b"-_"):
        try:
            data = base64.b64decode(padded.encode("ascii"), altchars=alphabet, validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            continue
        return _bounded(data, url)
    raise SchemaLoadError("base64:// schema is not valid base64")


def _fetch(url: str, *, allow_private: bool) -> bytes:
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SchemaLoadError(f"refusing to fetch {describe(url)}")
        if not allow_private:
            _check_host(parts.hostname, http.default_port(parts.scheme, parts.port))
        try:
            response = requests.get(
                url,
                timeout=FETCH_TIMEOUT,
                stream=True,
                allow_redirects=False,
                headers={"Accept": _ACCEPT},
            )
        except requests.RequestException as err:
            raise SchemaLoadError(f"cannot fetch {describe(url)}: {type(err).__name__}") from err
        with response:
            if not allow_private:
                _check_peer(response, url)
            if response.is_redirect:
                url = urljoin(url, response.headers.get("Location", ""))
                continue
            if response.status_code != 200:
                raise SchemaLoadError(f"{describe(url)} answered HTTP {response.status_code}")
            return _read_body(response, url)
    raise SchemaLoadError(f"too many redirects fetching {describe(url)}")


def _read_body(response: requests.Response, url: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_SCHEMA_BYTES:
        raise SchemaLoadError(f"{describe(url)} is larger than the size limit")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > MAX_SCHEMA_BYTES:
                raise SchemaLoadError(f"{describe(url)} is larger than the size limit")
            chunks.append(chunk)
    except requests.RequestException as err:
        raise SchemaLoadError(f"cannot read {describe(url)}: {type(err).__name__}") from err
    return b"".join(chunks)


def _bounded(data: bytes, url: str) -> bytes:
    if len(data) > MAX_SCHEMA_BYTES:
        raise SchemaLoadError(f"{describe(url)} is larger than the size limit")
    return data


def _check_host(host: str, port: int) -> None:
    try:
        http.check_host(host, port)
    except http.HostUnresolvable as err:
        raise SchemaLoadError(f"cannot resolve schema host {host!r}") from err
    except http.PrivateAddress as err:
        raise SchemaLoadError(
            f"schema host {host!r} resolves to a private or reserved address; "
            "set identity.allow_private_schema_urls to allow it"
        ) from err


def _check_peer(response: requests.Response, url: str) -> None:
    try:
        http.check_peer(response)
    except http.PrivateAddress as err:
        raise SchemaLoadError(f"refusing {describe(url)}: connected to a private address") from err
