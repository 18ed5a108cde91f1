"""Adding or removing one security key in a settings flow (``webauthn``, ``passkey``).

Both methods take part only in browser flows, need a privileged session, and empty the
registration field whenever the submission fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.privileged import require_privileged_session
from kratos_auth.selfservice.settings.strategy import SettingsUpdate

JSON = Any
Change = Callable[[Any, str], SettingsUpdate]


def string_field(body: JSON, key: str) -> str:
    value = body.get(key)
    return value if isinstance(value, str) else ""


def update_keys(
    flow: SettingsFlow,
    body: JSON,
    ctx: FlowContext,
    *,
    register_field: str,
    remove_field: str,
    add: Change,
    remove: Change,
) -> SettingsUpdate | None:
    """``None`` unless ``body`` registers (``register_field``) or removes (``remove_field``)
    a key in a browser flow; else ``add(identity, value)`` or ``remove(identity, value)``."""
    register = string_field(body, register_field)
    removed = string_field(body, remove_field)
    if flow.type != FlowType.BROWSER or not (register or removed):
        return None
    try:
        flow_service.check_submission(flow, ctx, token_from_body(body))
        require_privileged_session(flow, ctx.session)
        identity = ctx.session.identity
        if register:
            return add(identity, register)
        return remove(identity, removed)
    except Exception:
        Container(flow.ui).reset_value(register_field)
        raise
