"""How a session travels over HTTP: the token in headers, the sealed cookie, the device.

Kratos looks for the token in this order (``ManagerHTTP.extractToken``): the
``X-Session-Token`` header, then the session cookie, then ``Authorization: Bearer``. The
cookie carries the token sealed with ``secrets.cookie`` (``cipher.cookies``); a tampered,
truncated or foreign cookie simply counts as no cookie.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase

from kratos_auth.cipher import cookies
from kratos_auth.core import clock
from kratos_auth.core.secret import Secret
from kratos_auth.session import config as session_config
from kratos_auth.session import service, tokens
from kratos_auth.session.models import Session
from kratos_auth.session.service import DeviceInfo

COOKIE_PURPOSE = "session"
TOKEN_HEADER = "HTTP_X_SESSION_TOKEN"
_CACHE_ATTR = "_kratos_session_cache"
_MISSING = object()


def _bearer(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def token_from_cookie(request: HttpRequest) -> str | None:
    """The token sealed in the session cookie, or ``None`` (absent or not ours)."""
    settings = session_config.current()
    sealed = request.COOKIES.get(settings.cookie.name)
    if not sealed:
        return None
    return cookies.open_(sealed, settings.cookie_secrets, COOKIE_PURPOSE)


def credentials(request: HttpRequest) -> tuple[str | None, str | None]:
    """``(token, source)`` of ``request``; ``source`` is ``"header"``, ``"cookie"``,
    ``"bearer"`` or ``None``, tried in that order (Kratos's order)."""
    header = request.META.get(TOKEN_HEADER, "").strip()
    if header:
        return header, "header"
    from_cookie = token_from_cookie(request)
    if from_cookie:
        return from_cookie, "cookie"
    bearer = _bearer(request)
    return (bearer, "bearer") if bearer else (None, None)


def token_from_request(request: HttpRequest) -> str | None:
    """The session token of ``request``: ``X-Session-Token``, cookie, then Bearer."""
    return credentials(request)[0]


def set_session_cookie(response: HttpResponseBase, session: Session, token: Secret | str) -> None:
    """Set the session cookie for ``session`` on ``response`` (HttpOnly; Secure unless
    ``--dev``; Max-Age until the session expires when ``session.cookie.persistent``)."""
    settings = session_config.current()
    cookie = settings.cookie
    value = cookies.seal(tokens.reveal(token), settings.cookie_secrets, COOKIE_PURPOSE)
    max_age = None
    if cookie.persistent:
        remaining = session.expires_at - clock.now()
        max_age = max(int(remaining.total_seconds()), 0)
    response.set_cookie(
        cookie.name,
        value,
        max_age=max_age,
        path=cookie.path,
        domain=cookie.domain,
        secure=cookie.secure,
        httponly=True,
        samesite=cookie.same_site,
    )


def clear_session_cookie(response: HttpResponseBase) -> None:
    """Expire the session cookie in the browser."""
    cookie = session_config.current().cookie
    response.delete_cookie(
        cookie.name, path=cookie.path, domain=cookie.domain, samesite=cookie.same_site
    )


def device_from_request(request: HttpRequest) -> DeviceInfo:
    """Device facts Kratos records: client IP, User-Agent, and Cloudflare's city/country.

    The IP is ``REMOTE_ADDR``: behind a proxy, set it from a trusted header in your own
    middleware (forwarded headers are not trusted blindly here).
    """
    meta: dict[str, Any] = request.META
    location = ", ".join(
        v for v in (meta.get("HTTP_CF_IPCITY"), meta.get("HTTP_CF_IPCOUNTRY")) if v
    )
    return DeviceInfo(
        ip_address=meta.get("REMOTE_ADDR") or None,
        user_agent=meta.get("HTTP_USER_AGENT") or None,
        location=location or None,
    )


def session_from_request(request: Any) -> Session | None:
    """The active session of ``request`` (any AAL), looked up once per request.

    Accepts a Django ``HttpRequest`` or a DRF ``Request``.
    """
    request = getattr(request, "_request", request)
    cached = getattr(request, _CACHE_ATTR, _MISSING)
    if cached is not _MISSING:
        return cached
    found = service.authenticate(token_from_request(request))
    setattr(request, _CACHE_ATTR, found)
    return found
