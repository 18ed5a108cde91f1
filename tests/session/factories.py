"""Identities and sessions for the session tests (direct model rows, no flows)."""

from __future__ import annotations

import datetime as dt

from kratos_auth.identity.models import Identity, RecoveryAddress, VerifiableAddress
from kratos_auth.session import service
from kratos_auth.session.service import DeviceInfo

_counter = iter(range(1, 1_000_000))


def make_identity(
    *,
    email: str | None = None,
    state: str = "active",
    available_aal: str | None = "aal1",
    verified: bool = False,
    metadata_admin: dict | None = None,
) -> Identity:
    email = email or f"user{next(_counter)}@example.com"
    identity = Identity.objects.create(
        schema_id="default",
        state=state,
        traits={"email": email},
        metadata_public={"plan": "free"},
        metadata_admin=metadata_admin if metadata_admin is not None else {"note": "internal"},
        available_aal=available_aal,
    )
    VerifiableAddress.objects.create(
        identity=identity,
        value=email,
        via="email",
        verified=verified,
        status="completed" if verified else "pending",
    )
    RecoveryAddress.objects.create(identity=identity, value=email, via="email")
    return identity


def make_session(
    identity: Identity | None = None,
    methods=("password",),
    *,
    now: dt.datetime | None = None,
    device: DeviceInfo | None = None,
):
    """``(session, token_str)`` for ``identity`` (a new one when omitted)."""
    identity = identity or make_identity()
    device = device or DeviceInfo(ip_address="203.0.113.7", user_agent="pytest/1.0")
    session, token = service.issue(identity, methods, device=device, now=now)
    return session, token.reveal()


def cookie_for(token: str, secrets=None) -> str:
    """The session cookie value a browser would hold for ``token``."""
    from kratos_auth.cipher import cookies
    from kratos_auth.session import config as session_config
    from kratos_auth.session.transport import COOKIE_PURPOSE

    secrets = secrets or session_config.current().cookie_secrets
    return cookies.seal(token, secrets, COOKIE_PURPOSE)


COOKIE = "ory_kratos_session"
