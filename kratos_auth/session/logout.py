"""The logout flows: browser (logout URL + token) and native (revoke by session token)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from kratos_auth.core.secret import Secret
from kratos_auth.errors import BadRequest, Forbidden
from kratos_auth.session import config as session_config
from kratos_auth.session import service, tokens
from kratos_auth.session.errors import NoActiveSession
from kratos_auth.session.models import Session
from kratos_auth.text import sessions as text

SUBMIT_PATH = "/self-service/logout"


@dataclass(frozen=True)
class LogoutFlow:
    """api.json ``logoutFlow``."""

    logout_url: str
    logout_token: str


def create_browser_logout_flow(
    session_token: str | None,
    return_to: str | None = None,
    check_return_to: Callable[[str], str] | None = None,
) -> LogoutFlow:
    """``GET /self-service/logout/browser``: a logout URL for the current session.

    ``return_to`` is passed through ``check_return_to`` (the flows' allowlist check, which
    raises a 400 when it is not allowed) once the session is known, as Kratos orders it.
    The logout token is the same on every call for a session (it is derived from the
    session token, never stored). Raises :class:`NoActiveSession`."""
    session = service.authenticate(session_token)
    if session is None or not session_token:
        raise NoActiveSession()
    keys = session_config.current().logout_keys
    logout_token = tokens.logout_token(session_token, keys[0])
    params = {"token": logout_token}
    if return_to:
        params["return_to"] = check_return_to(return_to) if check_return_to else return_to
    base = session_config.current().public_base_url.rstrip("/")
    return LogoutFlow(
        logout_url=f"{base}{SUBMIT_PATH}?{urlencode(params)}", logout_token=logout_token
    )


def update_logout_flow(session_token: str | None, logout_token: str | None) -> Session:
    """``GET /self-service/logout?token=…``: revoke the current session if ``logout_token``
    belongs to it. Raises 400 (no token), 401 (no session) or 403 (token mismatch)."""
    if not logout_token:
        raise BadRequest(text.LOGOUT_TOKEN_MISSING_REASON)
    session = service.authenticate(session_token)
    if session is None or not session_token:
        raise NoActiveSession()
    keys = session_config.current().logout_keys
    if not tokens.verify_logout_token(logout_token, session_token, keys):
        raise Forbidden(text.LOGOUT_TOKEN_MISMATCH_REASON)
    service.revoke(session)
    return session


def perform_native_logout(session_token: str | Secret | None) -> Session:
    """``DELETE /self-service/logout/api``: revoke the session of ``session_token``.

    An already revoked session is fine (204); an unknown token is a 403, as in Kratos."""
    session = service.revoke_by_token(session_token)
    if session is None:
        raise Forbidden(text.NATIVE_LOGOUT_TOKEN_UNKNOWN_REASON)
    return session
