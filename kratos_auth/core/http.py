"""Guards for outbound HTTP: refuse hosts that are not on the public internet.

Shared by every module that calls out (schema fetching, the HTTP courier channel, web hooks
and HaveIBeenPwned). Each caller decides from its own configuration whether the guard applies
and turns :class:`HostRefused` into its own error; this module reads no configuration.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any


class HostRefused(Exception):
    """The host may not be called. The message names the host, never a URL's secrets."""


class HostUnresolvable(HostRefused):
    """The host name could not be resolved."""


class PrivateAddress(HostRefused):
    """The host resolves, or the connection went, to a non-public address."""


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses (IPv4-mapped IPv6 judged as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def is_exempt(url: str, exceptions: Iterable[str]) -> bool:
    """Whether ``url`` is listed in ``exceptions`` (Kratos's ``private_ip_exception_urls``):
    an exact match, or a prefix when the entry ends with ``/``."""
    return any(url == e or (e.endswith("/") and url.startswith(e)) for e in map(str, exceptions))


def default_port(scheme: str, port: int | None) -> int:
    """``port``, or the default port of the ``http``/``https`` ``scheme``."""
    return port or (443 if scheme == "https" else 80)


def check_host(host: str, port: int) -> None:
    """Raise unless every address ``host`` resolves to is public.

    Raises :class:`HostUnresolvable` or :class:`PrivateAddress`.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise HostUnresolvable(f"cannot resolve {host!r}") from err
    addresses = {str(info[4][0]) for info in infos}
    if not addresses or not all(is_public_address(a) for a in addresses):
        raise PrivateAddress(f"{host!r} resolves to a private or reserved address")


def check_peer(response: Any) -> None:
    """Raise :class:`PrivateAddress` when a ``requests`` response (opened with
    ``stream=True``) came from a non-public address.

    Re-checks the address actually connected to, so a DNS answer that changed between
    :func:`check_host` and the connection (DNS rebinding) cannot reach a private host. When
    the socket is out of reach (another HTTP stack), nothing is raised: :func:`check_host`
    still applied.
    """
    sock = _socket_of(response)
    if sock is None:
        return
    try:
        peer = sock.getpeername()[0]
    except OSError:
        return
    if not is_public_address(str(peer)):
        raise PrivateAddress("connected to a private address")


def _socket_of(response: Any) -> socket.socket | None:
    # urllib3 2 hands the socket from the connection to the response it is reading;
    # tests/schema/test_loader.py fails if an upgrade moves it out of reach.
    raw = response.raw
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is None:
        reader = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(reader, "raw", None), "_sock", None)
    return sock if isinstance(sock, socket.socket) else None
