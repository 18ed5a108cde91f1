"""The checks behind the decorators, the DRF permissions and ``request.user``.

Each takes a request (Django's or DRF's), returns the session when the check passes and
raises the Kratos error a client should see otherwise:

* :func:`require_session` — an active session that passes ``session.whoami.required_aal``
  (exactly what ``/sessions/whoami`` accepts): 401 ``session_inactive`` / 403
  ``session_aal2_required``.
* :func:`require_aal2` — an active session at aal2 or above: 401 / 403.
* :func:`require_verified_address` — :func:`require_session` plus a verified address on the
  identity: 401 / 403 / 403 ``session_verified_address_required``.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import AAL
from kratos_auth.session import config as session_config
from kratos_auth.session import service, transport
from kratos_auth.session.errors import AalNotSatisfied, NoActiveSession
from kratos_auth.session.models import Session


def _session(request: Any) -> Session:
    session = transport.session_from_request(request)
    if session is None:
        raise NoActiveSession()
    return session


def require_session(request: Any) -> Session:
    session = _session(request)
    service.require_aal(session, session_config.current().whoami_required_aal)
    return session


def require_aal2(request: Any) -> Session:
    session = _session(request)
    service.require_aal(session, AAL.AAL2)
    return session


def require_verified_address(request: Any) -> Session:
    session = require_session(request)
    service.require_verified_address(session)
    return session


def whoami_session(request: Any) -> Session | None:
    """The session when it would pass ``/sessions/whoami``, else ``None`` (no error)."""
    try:
        return require_session(request)
    except (NoActiveSession, AalNotSatisfied):
        return None
