"""The recovery flow: create, fetch, update and complete (Kratos's ``selfservice/flow/recovery``).

* ``selfservice.flows.recovery.enabled`` must be on and the method named by ``use`` enabled
  (400 ``self_service_flow_disabled`` otherwise); a caller who is signed in gets 400
  ``session_already_available`` (browsers are sent to the return URL).
* Unknown addresses are answered exactly like known ones (see the strategies).
* Too many wrong codes end the flow: a fresh one carries the error (Kratos's retry).
* Success issues a privileged session (method ``code_recovery``/``link_recovery``), runs the
  ``after`` hooks, and continues into a new settings flow: ``continue_with`` holds
  ``set_ory_session_token`` (API flows) and ``show_settings_ui``; browsers get the session
  cookie and are sent to the settings UI.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from django.db import transaction

from kratos_auth import ratelimit
from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.core.units import UnitError, parse_duration
from kratos_auth.errors import BadRequest
from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import AAL
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.selfservice.flow import csrf, handler, strategies
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import (
    AlreadyLoggedIn,
    CodeSubmittedTooOften,
    FlowDisabled,
    FlowValidation,
    IdentityDisabled,
)
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowState, FlowType
from kratos_auth.selfservice.flow.outcomes import Completed, Redirect, ShowFlow
from kratos_auth.selfservice.flow.sessions import device_of, token_action
from kratos_auth.selfservice.flow.ui import Container, Group
from kratos_auth.selfservice.recovery import hooks
from kratos_auth.selfservice.recovery.models import RecoveryFlow
from kratos_auth.selfservice.recovery.strategy import Recovered

# Recovery continues into a settings flow, as in Kratos.
from kratos_auth.selfservice.settings import service as settings_service
from kratos_auth.session import service as session_service
from kratos_auth.session.aal import AuthenticationMethod
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import account as text

JSON = Any
GROUP_ORDER = (Group.DEFAULT, Group.CODE, Group.LINK)
KEY_ORDER = ("csrf_token", "email", "code", "method")
ADMIN_FLAG = "admin_issued"
MAX_EXPIRES_IN = dt.timedelta(days=30)


def sort_nodes(flow: RecoveryFlow) -> None:
    Container(flow.ui).sort(GROUP_ORDER, KEY_ORDER)


def _check_enabled() -> None:
    if not config.selfservice.flows.recovery.enabled:
        raise FlowDisabled(text.RECOVERY_DISABLED_REASON, message=text.RECOVERY_DISABLED_MESSAGE)


def strategy_for(body: JSON) -> Any:
    """The link strategy for an opened link (``token``), else the one in use."""
    return strategies.for_submission("recover", "recovery", body)


def strategy_in_use() -> Any:
    """The strategy named by ``selfservice.flows.recovery.use`` (it must be enabled)."""
    return strategies.in_use("recover", "recovery")


def build_recovery_flow(
    flow_type: str, ctx: FlowContext, *, expires_in: dt.timedelta | None = None
) -> RecoveryFlow:
    """A new, saved recovery flow showing the strategy's first form."""
    lifespan = expires_in or config.selfservice.flows.recovery.lifespan
    flow = flow_service.new_flow(RecoveryFlow, flow_type, ctx, lifespan)
    strategy_in_use().populate_recovery(flow, ctx)
    sort_nodes(flow)
    hooks.run_before(HookState(flow=flow, ctx=ctx))
    flow_service.save(flow)
    return flow


def create_recovery_flow(flow_type: str, ctx: FlowContext) -> RecoveryFlow | Redirect:
    """``createNativeRecoveryFlow`` / ``createBrowserRecoveryFlow``."""
    _check_enabled()
    if ctx.session is not None:
        if flow_type == FlowType.BROWSER and not ctx.is_json:
            target = flow_service.check_return_to(ctx.query.get("return_to"))
            return Redirect(target or flow_service.default_return_url())
        raise AlreadyLoggedIn(text.RECOVERY_ALREADY_LOGGED_IN_REASON)
    return build_recovery_flow(flow_type, ctx)


def parse_expires_in(value: str | dt.timedelta | None, default: dt.timedelta) -> dt.timedelta:
    """``expires_in`` as a positive duration (400 otherwise), capped at 30 days."""
    if value is None or value == "":
        return default
    try:
        parsed = parse_duration(value) if isinstance(value, str) else value
    except UnitError as err:
        raise BadRequest(text.EXPIRES_IN_INVALID_REASON) from err
    if not isinstance(parsed, dt.timedelta) or parsed <= dt.timedelta(0):
        raise BadRequest(text.EXPIRES_IN_INVALID_REASON)
    return min(parsed, MAX_EXPIRES_IN)


def admin_identity(identity_id: uuid.UUID | str) -> Any:
    """The identity to recover: 404 when unknown, 400 when inactive."""
    identity = identity_queries.get_identity(identity_id)
    if not identity.is_active:
        raise BadRequest(text.IDENTITY_NOT_ACTIVE_REASON)
    return identity


def create_admin_recovery_flow(
    flow_type: str, expires_in: dt.timedelta, return_to: str = ""
) -> Any:
    """A recovery flow made by an administrator for an identity (code or link to follow).

    No browser started it: the first browser that opens it claims it (its anti-CSRF token
    is bound to the flow then), instead of Kratos's skipping of the CSRF check.
    """
    _check_enabled()
    base = flow_service.public_url("self-service/recovery")
    ctx = FlowContext(request_url=base, query={"return_to": return_to} if return_to else {})
    flow = flow_service.new_flow(RecoveryFlow, flow_type, ctx, expires_in)
    flow.csrf_token_hash = ""
    flow.internal_context = {ADMIN_FLAG: True}
    flow.state = FlowState.SENT_EMAIL
    return flow


def claim_admin_flow(flow: RecoveryFlow, ctx: FlowContext) -> None:
    if flow.type == FlowType.BROWSER and not flow.csrf_token_hash:
        if (flow.internal_context or {}).get(ADMIN_FLAG):
            flow.csrf_token_hash = csrf.token_hash(ctx.ensure_csrf().raw)
            flow_service.save(flow)


def get_recovery_flow(raw_id: str | None, ctx: FlowContext) -> RecoveryFlow:
    """``getRecoveryFlow``: 403 for another browser's flow, 410 once expired."""
    flow = flow_service.load(RecoveryFlow, raw_id)
    claim_admin_flow(flow, ctx)
    flow_service.check_readable(flow, ctx, text.RECOVERY_FLOW_GONE_REASON)
    return flow


def _replacement(flow: RecoveryFlow, ctx: FlowContext) -> Any:
    return flow_service.replacement(
        flow,
        lambda: build_recovery_flow(flow.type, ctx),
        MessageId.ERROR_VALIDATION_RECOVERY_FLOW_EXPIRED,
    )


def retry(flow: RecoveryFlow, ctx: FlowContext, message: JSON) -> ShowFlow:
    """Kratos's ``retryRecoveryFlow``: a new flow showing ``message`` replaces this one."""
    fresh = flow_service.carry_over(flow, build_recovery_flow(flow.type, ctx), message)
    return ShowFlow(fresh, status=200, ui_url=flow_service.ui_url("recovery"))


def _run_strategy(flow: RecoveryFlow, body: JSON, ctx: FlowContext) -> Recovered | ShowFlow:
    flow_service.check_open(flow, MessageId.ERROR_VALIDATION_RECOVERY_RETRY_SUCCESS)
    result = strategy_for(body).recover(flow, body, ctx)
    if result is None:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_RECOVERY_NO_STRATEGY_FOUND)
    return result


def update_recovery_flow(
    raw_id: str | None, body: JSON, ctx: FlowContext
) -> Completed | ShowFlow | Redirect:
    """``updateRecoveryFlow`` (also ``GET ?flow=&token=`` for links, with the token in
    ``body``)."""
    flow = flow_service.load(RecoveryFlow, raw_id)
    try:
        _check_enabled()
        if "token" not in body:
            claim_admin_flow(flow, ctx)
        if ctx.session is not None:
            if flow.type == FlowType.BROWSER and not ctx.is_json:
                return Redirect(flow_service.default_return_url())
            raise AlreadyLoggedIn(text.RECOVERY_ALREADY_LOGGED_IN_REASON)
        result = _run_strategy(flow, body, ctx)
        if isinstance(result, ShowFlow):
            return result
        return complete_recovery(flow, result, ctx)
    except CodeSubmittedTooOften as err:
        return retry(flow, ctx, ui_text(MessageId.ERROR_VALIDATION_GENERIC, reason=err.reason))
    except Exception as err:  # noqa: BLE001 - the flow error handler decides
        return handler.handle(flow, err, ctx, replace=_replacement(flow, ctx), sort=sort_nodes)


def _settings_flow(flow: RecoveryFlow, ctx: FlowContext, session: Any) -> Any:
    settings_ctx = dataclasses.replace(ctx, session=session)
    settings = settings_service.build_settings_flow(flow.type, settings_ctx, session)
    settings.return_to = flow.return_to
    max_age = config.selfservice.flows.settings.privileged_session_max_age
    Container(settings.ui).messages.append(
        text.recovery_successful(session.authenticated_at + max_age, clock.now())
    )
    flow_service.save(settings)
    return settings


def complete_recovery(flow: RecoveryFlow, result: Recovered, ctx: FlowContext) -> Completed:
    """Issue the recovery session and continue into a settings flow."""
    identity = result.identity
    if not identity.is_active:
        raise IdentityDisabled()
    method = AuthenticationMethod(method=result.method, aal=AAL.AAL1)
    with transaction.atomic():
        session, token = session_service.issue(identity, [method], device=device_of(ctx))
        state = HookState(
            flow=flow,
            ctx=ctx,
            method=result.method,
            identity=identity,
            session=session,
            session_token=token,
        )
        hooks.run_after(state)
        settings = _settings_flow(flow, ctx, session)
        flow.state = FlowState.PASSED_CHALLENGE
        flow_service.save(flow)
    for action in state.after_commit:
        action()
    settings_url = settings.append_to(flow_service.ui_url("settings"))
    actions: list[JSON] = list(state.continue_with)
    if flow.type == FlowType.API:
        actions.append(token_action(token))
        actions.append({"action": "show_settings_ui", "flow": {"id": str(settings.id)}})
    else:
        actions.append(
            {"action": "show_settings_ui", "flow": {"id": str(settings.id), "url": settings_url}}
        )
    flow.continue_with = actions
    ratelimit.reset(identity)  # a completed recovery ends a login lockout
    event(
        SecurityEvent.RECOVERY_USED, identity_id=identity.id, method=result.method, ip=ctx.client_ip
    )
    return Completed(
        flow=flow,
        identity=identity,
        return_to=settings_url,
        session=session,
        session_token=token,
        continue_with=actions,
    )


def sent(flow: RecoveryFlow, message_id: MessageId) -> ShowFlow:
    """The flow after a code or link was (or seemed to be) sent: ``sent_email`` + message."""
    flow_service.mark_sent(flow, message_id, sort_nodes)
    return ShowFlow(flow, status=200, ui_url=flow_service.ui_url("recovery"))
