"""The session-related configuration, resolved once per configuration object.

``whoami`` runs on every request of every client, so it must not walk the config tree (or
derive keys) each time. :func:`current` builds a frozen :class:`SessionSettings` from
``config`` and keeps it until the configuration object is replaced (``conf.reload()`` or
Django's ``setting_changed`` for ``KRATOS``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import threading
from dataclasses import dataclass
from typing import Any

from django.conf import settings as django_settings

from kratos_auth import conf

TOKEN_KEY_LABEL = b"kratos_auth/session-token-hash/v1"
LOGOUT_KEY_LABEL = b"kratos_auth/logout-token/v1"


@dataclass(frozen=True)
class CookieSettings:
    name: str
    domain: str | None
    path: str
    same_site: str
    secure: bool
    persistent: bool


@dataclass(frozen=True, repr=False)
class SessionSettings:
    lifespan: dt.timedelta
    earliest_possible_extend: dt.timedelta | None
    sliding: bool
    whoami_required_aal: str
    public_base_url: str
    cookie: CookieSettings
    # Secrets: first one signs/seals, all of them verify/open (Kratos's rotation rule).
    cookie_secrets: tuple[str, ...]
    token_keys: tuple[bytes, ...]
    logout_keys: tuple[bytes, ...]

    def __repr__(self) -> str:  # never show keys
        return f"<SessionSettings lifespan={self.lifespan} sliding={self.sliding}>"


def derive_key(secret: str, label: bytes) -> bytes:
    """A purpose-bound 256-bit key: HMAC-SHA256(secret, label)."""
    return hmac.new(secret.encode("utf-8"), label, hashlib.sha256).digest()


def _default_secrets(cfg: Any) -> tuple[str, ...]:
    found = tuple(cfg.secrets.default or ())
    if found:
        return found
    # Kratos generates a throw-away secret when none is set; with several worker processes
    # that would split sessions between them, so fall back to Django's SECRET_KEY instead.
    fallback = (django_settings.SECRET_KEY, *getattr(django_settings, "SECRET_KEY_FALLBACKS", []))
    return tuple(s for s in fallback if s)


def _as_bool(value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def _cookie(cfg: Any) -> CookieSettings:
    own, shared = cfg.session.cookie, cfg.cookies
    secure = own.secure if own.secure not in (None, "") else shared.secure
    return CookieSettings(
        name=own.name or "ory_kratos_session",
        domain=own.domain or shared.domain or None,
        path=own.path or shared.path or "/",
        same_site=own.same_site or shared.same_site or "Lax",
        secure=_as_bool(secure, not cfg.is_dev),
        persistent=_as_bool(own.persistent, True),
    )


def build(cfg: Any) -> SessionSettings:
    """Resolve the session settings from a configuration object."""
    default = _default_secrets(cfg)
    cookie_secrets = tuple(cfg.secrets.cookie or ()) or default
    return SessionSettings(
        lifespan=cfg.session.lifespan,
        earliest_possible_extend=cfg.session.earliest_possible_extend,
        sliding=bool(cfg.session.sliding),
        whoami_required_aal=cfg.session.whoami.required_aal or "highest_available",
        public_base_url=str(cfg.serve.public.base_url or "http://127.0.0.1:4433/"),
        cookie=_cookie(cfg),
        cookie_secrets=cookie_secrets,
        token_keys=tuple(derive_key(s, TOKEN_KEY_LABEL) for s in default),
        logout_keys=tuple(derive_key(s, LOGOUT_KEY_LABEL) for s in default),
    )


_lock = threading.Lock()
_cached: tuple[Any, SessionSettings] | None = None


def current() -> SessionSettings:
    """The settings for the current configuration object (cached until it changes)."""
    global _cached
    cfg = conf.current()
    cached = _cached
    if cached is not None and cached[0] is cfg:
        return cached[1]
    with _lock:
        built = build(cfg)
        _cached = (cfg, built)
    return built
