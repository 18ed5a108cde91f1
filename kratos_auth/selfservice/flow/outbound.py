"""Outbound HTTP for hooks and strategies (web hooks, HaveIBeenPwned).

Every call has a timeout, follows no redirects, reads at most ``max_bytes`` of the answer,
and refuses hosts that resolve to private, loopback or link-local addresses while
``clients.http.disallow_private_ip_ranges`` is on (our default; Kratos's is off). URLs in
``clients.http.private_ip_exception_urls`` are exempt: an exact match, or a prefix when the
entry ends with ``/``. The address actually connected to is checked again (DNS rebinding).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from kratos_auth.conf import config
from kratos_auth.core import http

DEFAULT_TIMEOUT = (1.0, 5.0)  # (connect, read) seconds
MAX_BYTES = 1 << 20


class OutboundError(Exception):
    """The call could not be made or answered; the message never contains a secret."""


@dataclass(frozen=True)
class Policy:
    allow_private: bool = False
    exceptions: tuple[str, ...] = ()

    @classmethod
    def from_config(cls) -> Policy:
        http = config.clients.http
        return cls(
            allow_private=not bool(http.disallow_private_ip_ranges),
            exceptions=tuple(str(u) for u in (http.private_ip_exception_urls or ())),
        )

    def exempt(self, url: str) -> bool:
        return http.is_exempt(url, self.exceptions)


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


def describe(url: str) -> str:
    """A log-safe name for ``url``: no user info, query or fragment."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{parts.path}"


def _check_host(host: str, port: int) -> None:
    try:
        http.check_host(host, port)
    except http.HostRefused as err:
        raise OutboundError(str(err)) from err


def _check_peer(response: requests.Response) -> None:
    try:
        http.check_peer(response)
    except http.PrivateAddress as err:
        raise OutboundError(str(err)) from err


def _read(response: requests.Response, max_bytes: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > max_bytes:
            raise OutboundError("answer larger than the size limit")
        chunks.append(chunk)
    return b"".join(chunks)


def send(
    method: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
    auth: tuple[str, str] | None = None,
    cookies: Mapping[str, str] | None = None,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    policy: Policy | None = None,
) -> Response:
    """Make one HTTP call under the outbound policy. Raises :class:`OutboundError`."""
    policy = policy or Policy.from_config()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutboundError(f"refusing to call {describe(url)}")
    guarded = not (policy.allow_private or policy.exempt(url))
    if guarded:
        _check_host(parts.hostname, http.default_port(parts.scheme, parts.port))
    try:
        with requests.request(
            method.upper(),
            url,
            headers=dict(headers or {}),
            data=body,
            auth=auth,
            cookies=dict(cookies or {}),
            timeout=timeout,
            allow_redirects=False,
            stream=True,
        ) as response:
            if guarded:
                _check_peer(response)
            data = _read(response, max_bytes)
            return Response(response.status_code, dict(response.headers), data)
    except requests.RequestException as err:
        raise OutboundError(f"calling {describe(url)} failed: {type(err).__name__}") from err
