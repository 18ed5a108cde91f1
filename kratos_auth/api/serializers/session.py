"""Wire shapes of api.json's ``session``, ``sessionDevice``, ``logoutFlow`` and
``deleteMySessionsCount``. Field names exactly as in api.json; the token never appears."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kratos_auth.api.serializers.identity import format_time, serialize_identity
from kratos_auth.core import clock
from kratos_auth.session.models import Session, SessionDevice

JSON = Any
# identity: "public" (whoami: no credentials, no metadata_admin), "admin", or None (omitted)
PUBLIC, ADMIN = "public", "admin"


def _method(entry: dict[str, JSON]) -> dict[str, JSON]:
    out: dict[str, JSON] = {"method": entry.get("method"), "aal": entry.get("aal")}
    completed = entry.get("completed_at")
    if isinstance(completed, str):
        out["completed_at"] = format_time(dt.datetime.fromisoformat(completed))
    for key in ("provider", "organization"):
        if entry.get(key):
            out[key] = entry[key]
    return out


def serialize_device(device: SessionDevice) -> dict[str, JSON]:
    out: dict[str, JSON] = {"id": str(device.id)}
    for key in ("ip_address", "user_agent", "location"):
        value = getattr(device, key)
        if value is not None:
            out[key] = value
    return out


def serialize_session(
    session: Session,
    *,
    identity: str | None = PUBLIC,
    devices: bool = True,
    now: dt.datetime | None = None,
) -> dict[str, JSON]:
    """api.json ``session``. ``identity`` chooses how the identity is shown (``"public"``:
    without credentials and ``metadata_admin``; ``"admin"``: with ``metadata_admin``;
    ``None``: left out); ``devices`` whether devices are listed."""
    body: dict[str, JSON] = {
        "id": str(session.id),
        "active": session.is_active_at(now or clock.now()),
        "expires_at": format_time(session.expires_at),
        "authenticated_at": format_time(session.authenticated_at),
        "authenticator_assurance_level": session.aal,
        "authentication_methods": [_method(m) for m in session.authentication_methods or []],
        "issued_at": format_time(session.issued_at),
    }
    if identity is not None:
        body["identity"] = serialize_identity(
            session.identity, include_credentials=False, include_metadata_admin=identity == ADMIN
        )
    if devices:
        body["devices"] = [serialize_device(d) for d in session.devices.all()]
    return body


def serialize_logout_flow(logout_url: str, logout_token: str) -> dict[str, JSON]:
    return {"logout_url": logout_url, "logout_token": logout_token}


def serialize_count(count: int) -> dict[str, JSON]:
    return {"count": count}
