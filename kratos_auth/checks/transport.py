"""Checks on how the app is reached: dev mode, HTTPS, cookies, CORS, the admin interface.

E001 ``dev`` on · E002 public base URL not HTTPS · W003 admin base URL not HTTPS ·
E020 Secure cookie flag off · E021 SameSite=None without Secure · W022 SameSite unset ·
E030 CORS allows any origin · E031 CORS with credentials and no explicit origins ·
E050 admin API on a public interface without authentication ·
E101 (every ``check``) a ``security.trusted_proxies`` entry is not an address or network.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from kratos_auth.checks.base import (
    Messages,
    always_check,
    deployment_check,
    error,
    is_off,
    warning,
)
from kratos_auth.conf import config

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
# Interfaces not reachable from the internet: loopback, RFC 1918, unique-local, link-local.
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
    )
)


def check_dev(cfg: Any) -> Messages:
    if not cfg.is_dev:
        return []
    return [
        error(
            1,
            "Kratos runs in development mode (dev: true / --dev): plain HTTP is accepted and "
            "cookies are not Secure.",
            "Remove `dev` from the configuration (and DEV from the environment) and do not "
            "pass --dev to `kratos serve` in production.",
        )
    ]


def check_base_urls(cfg: Any) -> Messages:
    messages: Messages = []
    public = cfg.serve.public.base_url
    if not public or urlsplit(public).scheme != "https":
        shown = (
            public or f"unset (derived: http://{cfg.serve.public.host}:{cfg.serve.public.port}/)"
        )
        messages.append(
            error(
                2,
                f"serve.public.base_url is not an HTTPS URL: {shown}.",
                "Set serve.public.base_url to the https:// URL browsers use (TLS at a proxy "
                "or with serve.public.tls).",
            )
        )
    admin = cfg.serve.admin.base_url
    if admin and urlsplit(admin).scheme != "https":
        messages.append(
            warning(
                3,
                f"serve.admin.base_url is not an HTTPS URL: {admin}.",
                "Reach the admin API over HTTPS (serve.admin.tls or a TLS proxy), even on a "
                "private network.",
            )
        )
    return messages


def check_cookies(cfg: Any) -> Messages:
    messages: Messages = []
    flags = {
        "cookies.secure": cfg.cookies.secure,
        "session.cookie.secure": cfg.session.cookie.secure,
    }
    insecure = [key for key, value in flags.items() if is_off(value)]
    if insecure:
        messages.append(
            error(
                20,
                f"The Secure cookie flag is off ({', '.join(insecure)}): session and CSRF "
                "cookies would travel over plain HTTP.",
                "Remove the setting (it defaults to on outside --dev) or set it to true.",
            )
        )
    raw_cookies, raw_session = cfg.cookies.raw(), cfg.session.cookie.raw()
    same_site = raw_session.get("same_site") or raw_cookies.get("same_site")
    if same_site == "None" and (insecure or cfg.is_dev):
        messages.append(
            error(
                21,
                "SameSite=None is set without the Secure flag: browsers reject such cookies "
                "and cross-site requests would carry them.",
                "Use cookies.same_site: Lax (or Strict), or turn the Secure flag on.",
            )
        )
    elif same_site is None:
        messages.append(
            warning(
                22,
                "cookies.same_site is not set: the cookies rely on an implicit default.",
                "Set cookies.same_site explicitly to Lax (or Strict when no cross-site "
                "navigation has to carry the session).",
            )
        )
    return messages


def check_cors(cfg: Any) -> Messages:
    cors = cfg.serve.public.cors
    if not cors.enabled:
        return []
    origins = list(cors.allowed_origins or ())
    if "*" in origins:
        return [
            error(
                30,
                "serve.public.cors allows every origin (`*`"
                + (", the default" if "allowed_origins" not in cors else "")
                + ").",
                "List the exact origins of your front-ends in serve.public.cors.allowed_origins.",
            )
        ]
    if not origins and cors.allow_credentials:
        return [
            error(
                31,
                "serve.public.cors sends credentials but lists no origin: an empty list "
                "allows every origin, as in Kratos.",
                "List the exact origins of your front-ends in serve.public.cors.allowed_origins.",
            )
        ]
    return []


def _is_private_host(host: str) -> bool:
    """True for loopback and private-network addresses (never for 0.0.0.0 / ::)."""
    name = host.strip().strip("[]").lower()
    if name in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False  # a hostname may resolve to anything: treat it as public
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in net for net in PRIVATE_NETWORKS if net.version == address.version)


def _admin_authenticated(cfg: Any) -> bool:
    admin = cfg.serve.admin
    if admin.api_keys:
        return True
    networks = []
    for entry in admin.allowed_ips or ():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return bool(networks) and all(net.prefixlen > 0 for net in networks)


def check_admin_interface(cfg: Any) -> Messages:
    host = cfg.serve.admin.host or ""
    if _is_private_host(host) or _admin_authenticated(cfg):
        return []
    return [
        error(
            50,
            f"The admin API listens on {host or 'every interface'}, a public interface, and "
            "requires no authentication: anyone who reaches it can read and change every "
            "identity.",
            "Bind serve.admin.host to 127.0.0.1 or a private address, or configure "
            "serve.admin.api_keys (`manage.py kratos admin-keys create`) or "
            "serve.admin.allowed_ips.",
        )
    ]


def check_trusted_proxies(cfg: Any) -> Messages:
    bad = []
    for entry in cfg.security.trusted_proxies or ():
        try:
            ipaddress.ip_network(str(entry).strip(), strict=False)
        except ValueError:
            bad.append(str(entry))
    if not bad:
        return []
    return [
        error(
            101,
            f"security.trusted_proxies: not an IP address or network: {', '.join(bad)}.",
            "Use addresses or CIDR ranges such as 10.0.0.0/8 or 127.0.0.1.",
        )
    ]


@deployment_check
def transport_checks(app_configs: Any = None, **kwargs: Any) -> Messages:
    return [
        *check_dev(config),
        *check_base_urls(config),
        *check_cookies(config),
        *check_cors(config),
        *check_admin_interface(config),
    ]


@always_check
def proxy_checks(app_configs: Any = None, **kwargs: Any) -> Messages:
    return check_trusted_proxies(config)
