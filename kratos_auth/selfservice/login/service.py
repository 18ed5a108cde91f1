"""The login flow: create, fetch and update (Kratos's ``selfservice/flow/login``).

* A caller with a session gets 400 ``session_already_available`` unless ``refresh=true``
  or a higher ``aal`` than the session's is asked for; ``aal=aal2`` without a session is
  401 ``session_aal1_required``.
* A completed flow cannot be submitted again (4010007... Kratos's "retry success").
* The session is issued (or refreshed) and the ``after`` hooks run in one transaction, so
  a failing hook leaves no session behind.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kratos_auth.conf import config
from kratos_auth.errors import BadRequest
from kratos_auth.identity.models import AAL
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.selfservice.flow import handler, strategies
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import (
    Aal1Required,
    AlreadyLoggedIn,
    FlowValidation,
)
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowState, FlowType
from kratos_auth.selfservice.flow.outcomes import Authenticated, Completed, Redirect, ShowFlow
from kratos_auth.selfservice.flow.ui import Container, Group
from kratos_auth.selfservice.login import hooks
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.login.sessions import complete_login
from kratos_auth.session import aal as levels
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import flows as flow_text

JSON = Any
GROUP_ORDER = (
    Group.OIDC,
    Group.DEFAULT,
    Group.WEBAUTHN,
    Group.CODE,
    Group.PASSWORD,
    Group.TOTP,
    Group.LOOKUP_SECRET,
)
KEY_ORDER = ("csrf_token", "identifier", "password")
_TRUE = {"true", "1", "yes", "on"}


def sort_nodes(flow: LoginFlow) -> None:
    Container(flow.ui).sort(GROUP_ORDER, KEY_ORDER)


def _requested_aal(ctx: FlowContext) -> str:
    raw = (ctx.query.get("aal") or AAL.AAL1).strip()
    if raw not in (AAL.AAL1, AAL.AAL2):
        raise BadRequest(flow_text.BAD_AAL_REASON.format(value=raw[:32]))
    return raw


def _check_session(ctx: FlowContext, refresh: bool, requested: str) -> Any:
    """The session to refresh or upgrade, ``None`` without one; raises when not allowed."""
    session = ctx.session
    if session is None:
        if levels.rank(requested) > levels.rank(AAL.AAL1):
            raise Aal1Required()
        return None
    if refresh:
        return session
    if requested == AAL.AAL1 or levels.rank(requested) <= levels.rank(session.aal):
        raise AlreadyLoggedIn(flow_text.LOGIN_ALREADY_LOGGED_IN_REASON)
    return session


def build_login_flow(
    flow_type: str,
    ctx: FlowContext,
    *,
    refresh: bool = False,
    requested_aal: str = AAL.AAL1,
    session: Any = None,
) -> LoginFlow:
    """A new, saved login flow with every enabled strategy's nodes."""
    flow = flow_service.new_flow(LoginFlow, flow_type, ctx, config.selfservice.flows.login.lifespan)
    flow.refresh = bool(refresh and session is not None)
    flow.requested_aal = requested_aal
    for strategy in strategies.for_capability("populate_login"):
        strategy.populate_login(flow, ctx, session)
    container = Container(flow.ui)
    if flow.refresh:
        container.messages.append(ui_text(MessageId.INFO_SELF_SERVICE_LOGIN_RE_AUTH))
    if session is not None and levels.rank(requested_aal) > levels.rank(session.aal):
        container.messages.append(ui_text(MessageId.INFO_SELF_SERVICE_LOGIN_MFA))
    sort_nodes(flow)
    hooks.run_before(HookState(flow=flow, ctx=ctx))
    flow_service.save(flow)
    return flow


def create_login_flow(flow_type: str, ctx: FlowContext) -> LoginFlow | Redirect:
    """``createNativeLoginFlow`` / ``createBrowserLoginFlow``.

    A browser (not asking for JSON) that is already logged in is sent to the return URL
    instead of getting ``session_already_available``, as Kratos does.
    """
    refresh = (ctx.query.get("refresh") or "").lower() in _TRUE
    requested = _requested_aal(ctx)
    try:
        session = _check_session(ctx, refresh, requested)
    except AlreadyLoggedIn:
        if flow_type == FlowType.BROWSER and not ctx.is_json:
            target = flow_service.check_return_to(ctx.query.get("return_to"))
            return Redirect(target or flow_service.default_return_url("login"))
        raise
    return build_login_flow(
        flow_type, ctx, refresh=refresh, requested_aal=requested, session=session
    )


def get_login_flow(raw_id: str | None, ctx: FlowContext) -> LoginFlow:
    """``getLoginFlow``: 403 for another browser's flow, 410 once expired."""
    flow = flow_service.load(LoginFlow, raw_id)
    flow_service.check_readable(flow, ctx, flow_text.LOGIN_FLOW_GONE_REASON)
    return flow


def _replacement(flow: LoginFlow, ctx: FlowContext) -> Any:
    return flow_service.replacement(
        flow,
        lambda: build_login_flow(flow.type, ctx),
        MessageId.ERROR_VALIDATION_LOGIN_FLOW_EXPIRED,
    )


def _authenticate(flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated:
    flow_service.check_open(flow, MessageId.ERROR_VALIDATION_LOGIN_RETRY_SUCCESS)
    for strategy in strategies.for_capability("login"):
        result = strategy.login(flow, body, ctx)
        if result is not None:
            return result
    raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_LOGIN_NO_STRATEGY_FOUND)


def _session_gate(flow: LoginFlow, ctx: FlowContext) -> Any:
    """Kratos's checks of the caller's session when a login is submitted."""
    session = ctx.session
    if session is None:
        if levels.rank(flow.requested_aal) > levels.rank(AAL.AAL1):
            raise Aal1Required()
        return None
    if flow.refresh or levels.rank(flow.requested_aal) > levels.rank(session.aal):
        return session
    raise AlreadyLoggedIn(flow_text.LOGIN_ALREADY_LOGGED_IN_REASON)


def update_login_flow(
    raw_id: str | None, body: JSON, ctx: FlowContext
) -> Completed | ShowFlow | Redirect:
    """``updateLoginFlow``: verify the submitted method, then issue or refresh a session."""
    flow = flow_service.load(LoginFlow, raw_id)
    try:
        try:
            session = _session_gate(flow, ctx)
        except AlreadyLoggedIn:
            if flow.type == FlowType.BROWSER and not ctx.is_json:
                return Redirect(flow_service.default_return_url("login"))
            raise
        result = _authenticate(flow, body, ctx)
        with transaction.atomic():
            state = complete_login(flow, result, ctx, session)
            hooks.run_after(state)
            flow.state = FlowState.PASSED_CHALLENGE
            flow_service.save(flow)
    except Exception as err:  # noqa: BLE001 - the flow error handler decides
        return handler.handle(flow, err, ctx, replace=_replacement(flow, ctx), sort=sort_nodes)
    for action in state.after_commit:
        action()
    event(
        SecurityEvent.LOGIN_SUCCEEDED,
        identity_id=getattr(state.identity, "id", None),
        method=result.method,
        aal=getattr(state.session, "aal", None),
        ip=ctx.client_ip,
    )
    return Completed(
        flow=flow,
        identity=state.identity,
        return_to=state.redirect_to or flow_service.return_to_for(flow, result.method),
        session=state.session,
        session_token=state.session_token,
        continue_with=state.continue_with,
    )
