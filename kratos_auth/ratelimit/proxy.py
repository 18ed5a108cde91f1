"""The client's IP address, trusting ``X-Forwarded-For`` only from configured proxies.

``security.trusted_proxies`` lists the reverse proxies (IPs or CIDRs) in front of the app.
The client is the right-most address of ``REMOTE_ADDR`` + ``X-Forwarded-For`` that is not
a trusted proxy: each proxy appends the peer it saw, so everything left of the last
untrusted hop may have been written by the client itself and is ignored.

:class:`TrustedProxyMiddleware` removes ``X-Forwarded-For``/``-Proto``/``-Host`` from requests
whose peer is not a trusted proxy, so Django's ``SECURE_PROXY_SSL_HEADER`` (HTTPS detection)
and ``USE_X_FORWARDED_HOST`` cannot be spoofed by a client that reaches the app directly.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse

from kratos_auth.conf import config

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


@functools.lru_cache(maxsize=8)
def parse_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """``("10.0.0.0/8", "127.0.0.1")`` as networks (an address is a /32 or /128).

    Entries that are not addresses or networks are skipped (system check E101 reports them).
    """
    networks: list[Network] = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def parse_ip(text: str | None) -> IPAddress | None:
    """An address from ``text`` (``1.2.3.4``, ``1.2.3.4:80``, ``[::1]:80``), or None."""
    if not text:
        return None
    value = text.strip().strip('"')
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else value[1:]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress, networks: Iterable[Network]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def trusted_networks() -> tuple[Network, ...]:
    return parse_networks(tuple(config.security.trusted_proxies or ()))


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as a string, or None when the peer's address is unusable."""
    networks = trusted_networks()
    peer = parse_ip(request.META.get("REMOTE_ADDR"))
    if peer is None or not networks or not _trusted(peer, networks):
        return str(peer) if peer is not None else None
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    client = peer
    for hop in reversed(hops):
        address = parse_ip(hop)
        if address is None:
            break  # garbage from the client side: the last good hop is the client
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


def rate_limit_key(ip: str | None) -> str | None:
    """The bucket of an address (IPv6 clients grouped by /64, one customer's prefix).

    None when there is no usable address: sharing one bucket among all such clients would
    turn a per-client limit into a global one.
    """
    address = parse_ip(ip)
    if address is None:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class TrustedProxyMiddleware:
    """Drops ``X-Forwarded-*`` headers unless the peer is one of ``security.trusted_proxies``.

    Put it first in ``MIDDLEWARE`` (before ``SecurityMiddleware``). It also sets
    ``request.kratos_client_ip``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        networks = trusted_networks()
        peer = parse_ip(request.META.get("REMOTE_ADDR"))
        if peer is None or not _trusted(peer, networks):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        request.kratos_client_ip = client_ip(request)  # type: ignore[attr-defined]
        return self.get_response(request)
