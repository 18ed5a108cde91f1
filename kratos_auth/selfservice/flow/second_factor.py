"""Logging in with a one-time code as second factor (``totp``, ``lookup_secret``).

Both methods take part only in ``aal=aal2`` logins and only upgrade the identity of the
caller's session. Every failure counts towards the identity's lockout (so codes cannot be
guessed online) and is logged; the code field is emptied whenever the submission fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kratos_auth import ratelimit
from kratos_auth.identity.models import AAL
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.errors import Aal1Required, FlowValidation
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.text import MessageId

JSON = Any
Verify = Callable[[Any, str, "str | None"], None]


def populate(flow: Any, session: Any, enrolled: Callable[[Any], bool], nodes: list[JSON]) -> None:
    """Kratos's ``PopulateLoginMethodSecondFactor`` for login ``flow``: the code field
    (``nodes[0]``) and the rest of ``nodes`` for aal2 logins of an ``enrolled`` identity."""
    if flow.requested_aal != AAL.AAL2 or session is None:
        return
    if not enrolled(session.identity):
        return
    container = Container(flow.ui)
    container.upsert(nodes[0])
    for node in nodes[1:]:
        container.append(node)


def failed(
    identity: Any, ip: str | None, method: str, why: str, message_id: MessageId
) -> FlowValidation:
    """Count and log a failed attempt; the error to raise."""
    ratelimit.record_failure(identity.id, ip=ip)
    event(SecurityEvent.LOGIN_FAILED, identity_id=identity.id, ip=ip, method=method, why=why)
    return FlowValidation.on(None, message_id)


def login(
    flow: Any,
    body: JSON,
    ctx: FlowContext,
    *,
    method: str,
    parse: Callable[[JSON], Any],
    verify: Verify,
    code_node: str,
) -> Authenticated | None:
    """``None`` unless ``body`` is an aal2 submission for ``method``; else check the CSRF
    token, parse the payload (``parse``), and ``verify`` its code for the session's identity
    (raising :class:`Aal1Required` without a session, :class:`FlowValidation` when wrong)."""
    if body.get("method") != method or flow.requested_aal != AAL.AAL2:
        return None
    try:
        flow_service.check_submission(flow, ctx, token_from_body(body))
        payload = parse(body)
        flow.transient_payload = payload.transient_payload
        if ctx.session is None:
            raise Aal1Required()
        identity = ctx.session.identity
        ratelimit.check(ratelimit.Action.LOGIN, ctx.client_ip, str(identity.id))
        verify(identity, str(payload.code.reveal()), ctx.client_ip)
    except Exception:
        Container(flow.ui).reset_value(code_node)
        raise
    flow.active = method
    return Authenticated(identity, method, AAL.AAL2)
