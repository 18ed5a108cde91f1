"""Kratos's ``serve.public.cors.*`` through django-cors-headers, on the public surface only.

Settings run before the app registry, so :func:`cors_settings` takes the raw ``cors`` dict
(from ``kratos_auth.conf.collect``) and returns the ``CORS_*`` settings::

    globals().update(cors_settings(tree.get("serve", {}).get("public", {}).get("cors")))
    MIDDLEWARE = [..., "kratos_auth.contrib.cors.PublicCorsMiddleware", ...]

Kratos's semantics are kept: ``*`` (or an empty list) allows every origin, one ``*`` inside an
origin matches any characters (``https://*.example.com``), and defaults are Kratos's.
System check ``kratos_auth.E030``/``E031`` flag the dangerous combinations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from corsheaders.middleware import CorsMiddleware
from django.http import HttpRequest

# Kratos's defaults (config.schema.json, serve.public.cors).
DEFAULTS: dict[str, Any] = {
    "enabled": False,
    "allowed_origins": ["*"],
    "allowed_methods": ["POST", "GET", "PUT", "PATCH", "DELETE"],
    "allowed_headers": [
        "Authorization",
        "Content-Type",
        "Max-Age",
        "X-Session-Token",
        "X-XSRF-TOKEN",
        "X-CSRF-TOKEN",
    ],
    "exposed_headers": ["Content-Type"],
    "allow_credentials": True,
    "max_age": 0,
}
NEVER = r"(?!)"  # a regex that matches no path: CORS off


def origin_regex(origin: str) -> str:
    """``https://*.example.com`` → a regex where ``*`` matches zero or more characters."""
    prefix, _, suffix = origin.partition("*")
    return "^" + re.escape(prefix) + ".*" + re.escape(suffix) + "$"


def cors_settings(cors: Mapping[str, Any] | None) -> dict[str, Any]:
    """The django-cors-headers settings for Kratos's ``serve.public.cors`` section."""
    conf = {**DEFAULTS, **(cors or {})}
    if not conf["enabled"]:
        return {
            "CORS_URLS_REGEX": NEVER,
            "CORS_ALLOW_ALL_ORIGINS": False,
            "CORS_ALLOWED_ORIGINS": [],
            "CORS_ALLOWED_ORIGIN_REGEXES": [],
        }
    origins = [str(o).rstrip("/") for o in conf["allowed_origins"] or []]
    allow_all = not origins or "*" in origins
    return {
        "CORS_URLS_REGEX": r"^.*$",
        "CORS_ALLOW_ALL_ORIGINS": allow_all,
        "CORS_ALLOWED_ORIGINS": [] if allow_all else [o for o in origins if "*" not in o],
        "CORS_ALLOWED_ORIGIN_REGEXES": (
            [] if allow_all else [origin_regex(o) for o in origins if "*" in o]
        ),
        "CORS_ALLOW_METHODS": list(conf["allowed_methods"]),
        "CORS_ALLOW_HEADERS": list(conf["allowed_headers"]),
        "CORS_EXPOSE_HEADERS": list(conf["exposed_headers"]),
        "CORS_ALLOW_CREDENTIALS": bool(conf["allow_credentials"]),
        "CORS_PREFLIGHT_MAX_AGE": int(conf["max_age"]),
    }


class PublicCorsMiddleware(CorsMiddleware):
    """django-cors-headers' middleware, switched off on the admin surface.

    Kratos's CORS settings belong to ``serve.public``; the admin API answers no browser.
    """

    def is_enabled(self, request: HttpRequest) -> bool:
        if request.META.get("kratos.surface") == "admin":
            return False
        return super().is_enabled(request)
