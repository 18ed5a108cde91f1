"""Admin API authentication (beyond Kratos, whose admin API trusts its network).

Two independent gates, both off by default (Kratos's behaviour):

* ``serve.admin.allowed_ips``: CIDR ranges; other callers get 403. The caller is
  ``REMOTE_ADDR``, or the client behind a proxy listed in ``security.trusted_proxies``
  (forwarded headers from anyone else are ignored).
* ``serve.admin.api_keys``: ``[{"id": "ops", "hash": "sha256:<hex>"}]``. When any key is
  configured, every admin call needs ``Authorization: Bearer <key>`` matching one of them,
  else 401. Several keys may be valid at once, for rotation. Keys are 256-bit random tokens
  (``kratos admin-keys create``), so a plain SHA-256 is the right hash (NIST SP 800-63B
  §5.1.2.2: secrets of >= 112 bits need no slow hash); only hashes live in the config.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import logging
from dataclasses import dataclass

from django.http import HttpRequest

from kratos_auth.conf import config
from kratos_auth.core import randomness
from kratos_auth.errors import Forbidden, Unauthorized
from kratos_auth.text import admin as text

logger = logging.getLogger("kratos_auth.api.admin")

KEY_PREFIX = "kak_"
KEY_RANDOM_LENGTH = 43  # 43 alphanumerics = 256 bits
MIN_KEY_LENGTH = 32
MAX_KEY_LENGTH = 256
REALM_HEADER = 'Bearer realm="kratos-admin"'
ACTOR_ATTRIBUTE = "kratos_admin_actor"


@dataclass(frozen=True)
class AdminActor:
    """Who made an admin call: the matching key's id (None without keys) and the peer."""

    key_id: str | None
    ip: str | None

    @property
    def name(self) -> str:
        return f"api-key:{self.key_id}" if self.key_id else "anonymous"

    # DRF treats request.user as a user object.
    is_authenticated = True


def generate_api_key() -> str:
    """A new admin API key (shown once; store only :func:`hash_api_key` of it)."""
    return KEY_PREFIX + randomness.token(KEY_RANDOM_LENGTH)


def hash_api_key(key: str) -> str:
    """The value to put in ``serve.admin.api_keys[].hash``."""
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def _presented_key(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "").strip()
    if not header:
        return None
    scheme, _, rest = header.partition(" ")
    key = rest.strip() if scheme.lower() == "bearer" else header
    if not MIN_KEY_LENGTH <= len(key) <= MAX_KEY_LENGTH:
        return None
    return key


def _match_key(presented: str | None) -> str | None:
    """The id of the configured key matching ``presented``; every hash is compared."""
    if presented is None:
        return None
    digest = hash_api_key(presented)
    found = None
    for entry in config.serve.admin.api_keys:
        if hmac.compare_digest(digest.encode(), str(entry.hash).encode()) and found is None:
            found = str(entry.id)
    return found


@functools.lru_cache(maxsize=16)
def _networks(ranges: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return tuple(ipaddress.ip_network(r, strict=False) for r in ranges)


def peer_ip(request: HttpRequest) -> str | None:
    """The caller's address: ``REMOTE_ADDR``, or the client behind a trusted proxy.

    ``kratos_client_ip`` is set by the trusted-proxy middleware, which honours
    ``X-Forwarded-For`` only from ``security.trusted_proxies``; no header is read here.
    """
    value = getattr(request, "kratos_client_ip", None) or request.META.get("REMOTE_ADDR") or ""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def check_ip(request: HttpRequest) -> None:
    """Raise :class:`Forbidden` unless the peer is in ``serve.admin.allowed_ips`` (if set)."""
    ranges = tuple(str(r) for r in config.serve.admin.allowed_ips)
    if not ranges:
        return
    try:
        networks = _networks(ranges)
    except ValueError:
        # Fail closed: a typo in the allowlist must not open the admin API.
        logger.error("serve.admin.allowed_ips holds an invalid CIDR range; denying access")
        raise Forbidden(text.ADMIN_IP_FORBIDDEN) from None
    ip = peer_ip(request)
    address = ipaddress.ip_address(ip) if ip else None
    if address is None or not any(address in net for net in networks):
        raise Forbidden(text.ADMIN_IP_FORBIDDEN)


def authenticate_admin(request: HttpRequest) -> AdminActor:
    """Check the allowlist and the API key; remember the actor on ``request``.

    Raises :class:`Forbidden` (address not allowed) or :class:`Unauthorized` (keys are
    configured and none matched). Idempotent per request.
    """
    actor = getattr(request, ACTOR_ATTRIBUTE, None)
    if actor is not None:
        return actor
    check_ip(request)
    key_id = None
    if config.serve.admin.api_keys:
        key_id = _match_key(_presented_key(request))
        if key_id is None:
            error = Unauthorized(text.ADMIN_KEY_REQUIRED)
            error.headers = {"WWW-Authenticate": REALM_HEADER}
            raise error
    actor = AdminActor(key_id=key_id, ip=peer_ip(request))
    setattr(request, ACTOR_ATTRIBUTE, actor)
    return actor
