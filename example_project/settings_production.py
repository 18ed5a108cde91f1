"""Production hardening of the reference project, derived from the Kratos configuration.

``settings.py`` applies it with ``globals().update(production_settings(_tree, DEV, ...))``.
It is a function of the raw config tree (settings load before the app registry, so the
config object is not available yet) and returns plain Django settings:

* HTTPS: HSTS for a year with subdomains (not preloaded: that is an irreversible opt-in),
  HTTPS detection behind a proxy (``X-Forwarded-Proto``, trusted only from
  ``security.trusted_proxies``), redirect to HTTPS when HTTPS is known to be available
  (direct TLS or a trusted proxy), Secure cookies unless ``--dev``;
* headers: ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``,
  ``Content-Security-Policy: default-src 'self'``, ``Referrer-Policy:
  strict-origin-when-cross-origin``, ``Cross-Origin-Opener-Policy: same-origin``;
* CORS from ``serve.public.cors.*`` (django-cors-headers, public surface only);
* the cache for rate limits: Redis when ``REDIS_URL`` is set, local memory with ``--dev``,
  the database cache otherwise (``manage.py createcachetable``);
* ``LOGGING`` from ``log.level``/``log.format`` with redaction on every handler.

Database TLS comes from the DSN (``sslmode``/``sslrootcert``…, see ``kratos_auth.conf.dsn``)
and direct TLS for ``kratos serve`` from ``serve.public.tls.cert.path``/``key.path``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from kratos_auth.contrib.cors import cors_settings
from kratos_auth.logging import logging_settings

HSTS_SECONDS = 365 * 24 * 3600
CACHE_TABLE = "kratos_cache"

# Outermost first: the proxy filter must run before SecurityMiddleware reads
# X-Forwarded-Proto; CORS right after the surface is known.
MIDDLEWARE = [
    "kratos_auth.ratelimit.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "example_project.middleware.ContentSecurityPolicyMiddleware",
    "kratos_auth.middleware.SurfaceMiddleware",
    "kratos_auth.contrib.cors.PublicCorsMiddleware",
]


def _section(tree: Mapping[str, Any], *path: str) -> Mapping[str, Any]:
    node: Any = tree
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


def serves_tls(tree: Mapping[str, Any]) -> bool:
    """True when ``kratos serve`` terminates TLS itself (``serve.public.tls`` cert and key)."""
    tls = _section(tree, "serve", "public", "tls")
    return bool(_section(tls, "cert")) and bool(_section(tls, "key"))


def cache_settings(dev: bool, environ: Mapping[str, str]) -> dict[str, Any]:
    """``CACHES``: Redis (``REDIS_URL``), else local memory in dev, else the database."""
    url = environ.get("REDIS_URL")
    if url:
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif dev:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    return {"default": backend}


def production_settings(
    tree: Mapping[str, Any],
    dev: bool,
    middleware: list[str],
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The hardened settings for ``tree``; ``middleware`` is the project's list to extend."""
    env = os.environ if environ is None else environ
    behind_proxy = bool(_section(tree, "security").get("trusted_proxies"))
    https_known = behind_proxy or serves_tls(tree)
    rest = [m for m in middleware if m not in MIDDLEWARE and not m.startswith("corsheaders.")]
    return {
        "MIDDLEWARE": [*MIDDLEWARE, *rest],
        "SECURE_HSTS_SECONDS": 0 if dev else HSTS_SECONDS,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "SECURE_CSP": {"default-src": ["'self'"]},
        # TrustedProxyMiddleware strips the header unless the peer is a trusted proxy.
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https") if behind_proxy else None,
        "SECURE_SSL_REDIRECT": https_known and not dev,
        # Load balancers probe health over plain HTTP.
        "SECURE_REDIRECT_EXEMPT": [r"^health/", r"^version$"],
        "SESSION_COOKIE_SECURE": not dev,
        "CSRF_COOKIE_SECURE": not dev,
        "SESSION_COOKIE_HTTPONLY": True,
        "CACHES": cache_settings(dev, env),
        "LOGGING": logging_settings(tree),
        **cors_settings(_section(tree, "serve", "public", "cors")),
    }
