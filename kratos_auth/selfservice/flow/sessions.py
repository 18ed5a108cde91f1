"""Issuing the session a completed flow grants (login, and the registration ``session`` hook).

API flows get the token once, in ``session_token`` and a ``set_ory_session_token``
continue_with action; browser flows get it as the session cookie (set by the API layer).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.session import service as session_service
from kratos_auth.session import tokens
from kratos_auth.session.aal import AuthenticationMethod
from kratos_auth.session.service import DeviceInfo


def device_of(ctx: FlowContext) -> DeviceInfo:
    return DeviceInfo(ip_address=ctx.client_ip, user_agent=ctx.user_agent)


def token_action(token: Any) -> dict[str, str]:
    """api.json ``continueWithSetOrySessionToken``."""
    return {"action": "set_ory_session_token", "ory_session_token": tokens.reveal(token)}


def issue_session(state: HookState, identity: Any, methods: Iterable[AuthenticationMethod]) -> None:
    """Issue a session for ``identity`` into ``state``."""
    session, token = session_service.issue(identity, list(methods), device=device_of(state.ctx))
    state.session, state.session_token = session, token
    if state.flow.type == FlowType.API:
        state.continue_with.append(token_action(token))
