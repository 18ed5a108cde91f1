"""Where each page gets its flow: the service function the public API's ``get<Flow>Flow``
calls, and the serializer that gives the flow its api.json shape.

Named by dotted path and imported on first use, as ``registry`` names strategies: a flow
whose package is not installed (or not enabled in this build) makes its page say so
instead of breaking the whole URLconf.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.utils.module_loading import import_string

from kratos_auth.errors import KratosError
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.text import pages as text

JSON = Any
FLOWS = ("login", "registration", "settings", "recovery", "verification")
_SERIALIZERS = {
    "login": "kratos_auth.api.serializers.flow.serialize_login_flow",
    "registration": "kratos_auth.api.serializers.flow.serialize_registration_flow",
    "settings": "kratos_auth.api.serializers.account_flows.serialize_settings_flow",
    "recovery": "kratos_auth.api.serializers.account_flows.serialize_recovery_flow",
    "verification": "kratos_auth.api.serializers.account_flows.serialize_verification_flow",
}


class FlowUnavailable(KratosError):
    status = 404
    reason = text.FLOW_UNAVAILABLE_REASON


@functools.cache
def _functions(flow_name: str) -> tuple[Callable[..., Any], Callable[[Any], JSON]]:
    getter = import_string(f"kratos_auth.selfservice.{flow_name}.service.get_{flow_name}_flow")
    return getter, import_string(_SERIALIZERS[flow_name])


def fetch(flow_name: str, raw_id: str | None, ctx: FlowContext) -> JSON:
    """The flow as ``GET /self-service/<flow>/flows?id=`` would return it to this browser.

    Raises the same :class:`KratosError` as the API (400 bad id, 403 another browser's
    flow, 404 unknown, 410 expired, 401 no session for settings), or
    :class:`FlowUnavailable` when the flow is not part of this installation."""
    if flow_name not in FLOWS:
        raise FlowUnavailable()
    try:
        getter, serialize = _functions(flow_name)
    except ImportError as err:
        raise FlowUnavailable() from err
    return serialize(getter(raw_id, ctx))
