"""Where each page gets its flow: the service function behind the public API's
``get<Flow>Flow`` and the serializer that gives the flow its api.json shape, so a page
sees exactly what ``GET /self-service/<flow>/flows?id=`` would show this browser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kratos_auth.api.serializers.account_flows import (
    serialize_recovery_flow,
    serialize_settings_flow,
    serialize_verification_flow,
)
from kratos_auth.api.serializers.flow import serialize_login_flow, serialize_registration_flow
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.login.service import get_login_flow
from kratos_auth.selfservice.recovery.service import get_recovery_flow
from kratos_auth.selfservice.registration.service import get_registration_flow
from kratos_auth.selfservice.settings.service import get_settings_flow
from kratos_auth.selfservice.verification.service import get_verification_flow

JSON = Any
SOURCES: dict[str, tuple[Callable[..., Any], Callable[[Any], JSON]]] = {
    "login": (get_login_flow, serialize_login_flow),
    "registration": (get_registration_flow, serialize_registration_flow),
    "settings": (get_settings_flow, serialize_settings_flow),
    "recovery": (get_recovery_flow, serialize_recovery_flow),
    "verification": (get_verification_flow, serialize_verification_flow),
}
FLOWS = tuple(SOURCES)


def fetch(flow_name: str, raw_id: str | None, ctx: FlowContext) -> JSON:
    """The flow ``raw_id`` of ``flow_name`` in its api.json shape.

    Raises what the API answers with: 400 malformed id, 403 another browser's (or
    identity's) flow, 404 unknown, 410 expired, 401/403 without a (strong enough) session
    for settings."""
    get, serialize = SOURCES[flow_name]
    return serialize(get(raw_id, ctx))
