"""The pages' Content-Security-Policy: scripts only from this site (``ui.js``, and
``webauthn.js`` with a per-response nonce), styles only from this site, images from this
site or ``data:`` (the TOTP QR code), no plugins, no framing, no ``<base>``.

The pages set the header themselves, so a project-wide ``default-src 'self'`` policy (the
reference project's) does not replace it. ``form-action`` is left open on purpose: a form
posts to the public API, which may redirect the browser to an allowed ``return_to`` or to
a social sign-in provider, and browsers apply ``form-action`` to those redirects too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpResponse

from kratos_auth.core import randomness

HEADER = "Content-Security-Policy"
NONCE_LENGTH = 22  # ~131 bits from 62 symbols


def new_nonce() -> str:
    return randomness.token(NONCE_LENGTH)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def policy(nonce: str, public_base_url: str) -> str:
    """The header value for one response; ``public_base_url`` serves ``webauthn.js``."""
    public = origin(public_base_url)
    own = f"'self' {public}".strip()
    directives = [
        "default-src 'self'",
        f"script-src {own} 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        f"connect-src {own}",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def protect(response: HttpResponse, nonce: str, public_base_url: str) -> HttpResponse:
    """Set the policy and keep pages holding CSRF tokens and secrets out of caches."""
    response[HEADER] = policy(nonce, public_base_url)
    response["Cache-Control"] = "private, no-cache, no-store, must-revalidate"
    response["Referrer-Policy"] = "same-origin"
    response["X-Content-Type-Options"] = "nosniff"
    return response
