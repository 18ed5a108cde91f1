"""Privileged sessions: changing credentials or identifiers needs a recent sign-in.

A session is privileged while ``authenticated_at`` is less than
``selfservice.flows.settings.privileged_session_max_age`` ago (a recovery session is, since
it has just been issued). Otherwise the user signs in again through a login flow with
``refresh=true`` that returns to the settings flow.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.settings.errors import NeedsPrivilegedSession


def login_refresh_url(flow: Any) -> str:
    """``/self-service/login/browser?refresh=true&return_to=<the settings flow's UI>``."""
    back = flow.append_to(flow_service.ui_url("settings"))
    query = urlencode({"refresh": "true", "return_to": back})
    return flow_service.public_url(f"self-service/login/browser?{query}")


def is_privileged(session: Any) -> bool:
    if session is None or session.authenticated_at is None:
        return False
    max_age = config.selfservice.flows.settings.privileged_session_max_age
    return session.authenticated_at + max_age > clock.now()


def require_privileged_session(flow: Any, session: Any) -> None:
    """Raise :class:`NeedsPrivilegedSession` unless ``session`` signed in recently enough."""
    if not is_privileged(session):
        raise NeedsPrivilegedSession(login_refresh_url(flow))
