"""``return_to`` checking against ``selfservice.allowed_return_urls`` (Kratos's
``SecureRedirectTo``), made stricter against open-redirect tricks.

A relative ``return_to`` is resolved against the default browser return URL. The result is
allowed when one allowlist entry (or the public base URL) has the same scheme, the same host
(exactly, or ``*.domain`` for a subdomain), the same port and a path prefix that ends at a
segment boundary. Refused outright, before matching: backslashes, control characters and
whitespace, user info, schemes other than http(s), protocol-relative forms (``//evil``),
dot segments and percent-encoded slashes, backslashes or dots in the path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_FORBIDDEN = re.compile(r"[\\\x00-\x20\x7f]")
_ENCODED_TRICKS = re.compile(r"%(2f|5c|2e|00|09|0a|0d)", re.IGNORECASE)
MAX_LENGTH = 2048


class ReturnToNotAllowed(ValueError):
    """The URL is not on the allowlist (or not a URL we would ever redirect to)."""


@dataclass(frozen=True)
class _Allowed:
    scheme: str
    host: str
    port: int | None
    path: str

    @property
    def wildcard(self) -> bool:
        return self.host.startswith("*.")


def _port(parts: SplitResult) -> int | None:
    try:
        port = parts.port
    except ValueError as err:
        raise ReturnToNotAllowed("invalid port") from err
    return port if port is not None else _DEFAULT_PORTS.get(parts.scheme.lower())


def _allowed_entry(raw: str) -> _Allowed | None:
    parts = urlsplit(raw.strip())
    if not parts.scheme or not parts.netloc:
        return None
    host = (parts.hostname or "").lower()
    try:
        port = _port(parts)
    except ReturnToNotAllowed:
        return None
    return _Allowed(parts.scheme.lower(), host, port, parts.path or "/")


def _check_shape(value: str) -> None:
    if len(value) > MAX_LENGTH or _FORBIDDEN.search(value):
        raise ReturnToNotAllowed("forbidden characters")
    if value.startswith("//") or value.startswith("/\\"):
        raise ReturnToNotAllowed("protocol-relative URL")


def _check_parsed(parts: SplitResult) -> None:
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        raise ReturnToNotAllowed("scheme")
    if "@" in parts.netloc or parts.username is not None or not parts.hostname:
        raise ReturnToNotAllowed("user info or missing host")
    path = parts.path
    if _ENCODED_TRICKS.search(path):
        raise ReturnToNotAllowed("encoded separators")
    segments = unquote(path).split("/")
    if any(s in (".", "..") for s in segments):
        raise ReturnToNotAllowed("dot segments")


def _host_matches(host: str, allowed: _Allowed) -> bool:
    if allowed.wildcard:
        suffix = allowed.host[1:]  # ".example.com"
        return host.endswith(suffix) and len(host) > len(suffix)
    return host == allowed.host


def _path_matches(path: str, allowed_path: str) -> bool:
    path = path or "/"
    if allowed_path.endswith("/"):
        return path.startswith(allowed_path) or path + "/" == allowed_path
    return path == allowed_path or path.startswith(allowed_path + "/")


def resolve(value: str, default_return_url: str, allowlist: Iterable[str]) -> str:
    """The absolute URL to redirect to for ``value``; raises :class:`ReturnToNotAllowed`."""
    _check_shape(value)
    base = default_return_url or ""
    absolute = urljoin(base, value) if base else value
    parts = urlsplit(absolute)
    _check_parsed(parts)
    host = (parts.hostname or "").lower()
    port = _port(parts)
    scheme = parts.scheme.lower()
    for raw in allowlist:
        allowed = _allowed_entry(raw)
        if allowed is None or allowed.scheme != scheme:
            continue
        if _host_matches(host, allowed) and port == allowed.port:
            if _path_matches(parts.path, allowed.path):
                return absolute
    raise ReturnToNotAllowed("not on the allowlist")
