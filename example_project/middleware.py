"""The reference project's own middleware: a Content-Security-Policy header.

Django 5.2 has no CSP support (6.0 adds ``SECURE_CSP``); this reads the same setting shape,
``SECURE_CSP = {"default-src": ["'self'"]}``, so the project can switch to Django's
middleware by changing one line.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


def policy_header(policy: dict[str, list[str] | str]) -> str:
    """``{"default-src": ["'self'"]}`` → ``default-src 'self'``."""
    parts = []
    for directive, sources in policy.items():
        values = [sources] if isinstance(sources, str) else list(sources)
        parts.append(" ".join([directive, *values]).strip())
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Adds ``Content-Security-Policy`` from ``SECURE_CSP`` unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(getattr(settings, "SECURE_CSP", {}) or {})

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header and HEADER not in response:
            response[HEADER] = self.header
        return response
