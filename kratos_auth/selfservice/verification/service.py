"""The verification flow: create, fetch and update (Kratos's ``selfservice/flow/verification``).

* ``selfservice.flows.verification.enabled`` must be on and the method named by ``use``
  enabled (400 ``self_service_flow_disabled`` otherwise). Sessions do not matter here.
* Unknown addresses are answered exactly like known ones (see the strategies).
* Success marks the address ``verified`` (``status: completed``, ``verified_at``), puts the
  flow in ``passed_challenge`` with "You successfully verified your email address."
  (1080002) and a ``continue`` link, and runs the ``after`` hooks.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from django.db import transaction

from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.selfservice.flow import handler, strategies
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import (
    CodeSubmittedTooOften,
    FlowDisabled,
    FlowExpired,
    FlowGone,
    FlowValidation,
)
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowState, FlowType
from kratos_auth.selfservice.flow.outcomes import Redirect, ShowFlow
from kratos_auth.selfservice.flow.ui import Container, Group, anchor_node
from kratos_auth.selfservice.verification import hooks
from kratos_auth.selfservice.verification.models import VerificationFlow
from kratos_auth.selfservice.verification.strategy import Verified
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import account as text
from kratos_auth.text import flows as flow_text

JSON = Any
LINK = "link"
GROUP_ORDER = (Group.DEFAULT, Group.CODE, Group.LINK)
KEY_ORDER = ("csrf_token", "email", "code", "method")


def sort_nodes(flow: VerificationFlow) -> None:
    Container(flow.ui).sort(GROUP_ORDER, KEY_ORDER)


def enabled() -> bool:
    return bool(config.selfservice.flows.verification.enabled)


def _check_enabled() -> None:
    if not enabled():
        raise FlowDisabled(
            text.VERIFICATION_DISABLED_REASON, message=text.VERIFICATION_DISABLED_MESSAGE
        )


def strategy_for(body: JSON) -> Any:
    """The link strategy for an opened link (``token``), else the one in use: links made
    by an administrator work whichever method ``use`` names, as long as ``link`` is on."""
    if isinstance(body.get("token"), str):
        for strategy in strategies.for_capability("verify"):
            if strategy.id == LINK:
                return strategy
    return strategy_in_use()


def strategy_in_use() -> Any:
    """The strategy named by ``selfservice.flows.verification.use`` (it must be enabled)."""
    use = str(config.selfservice.flows.verification.use or "code")
    for strategy in strategies.for_capability("verify"):
        if strategy.id == use:
            return strategy
    raise FlowDisabled(text.STRATEGY_DISABLED_REASON.format(flow="verification", method=use))


def build_verification_flow(
    flow_type: str, ctx: FlowContext, *, populate: bool = True
) -> VerificationFlow:
    """A new, saved verification flow (with the strategy's first form when ``populate``)."""
    lifespan = config.selfservice.flows.verification.lifespan
    flow = flow_service.new_flow(VerificationFlow, flow_type, ctx, lifespan)
    if populate:
        strategy_in_use().populate_verification(flow, ctx)
        sort_nodes(flow)
    hooks.run_before(HookState(flow=flow, ctx=ctx))
    flow_service.save(flow)
    return flow


def create_verification_flow(flow_type: str, ctx: FlowContext) -> VerificationFlow:
    """``createNativeVerificationFlow`` / ``createBrowserVerificationFlow``."""
    _check_enabled()
    return build_verification_flow(flow_type, ctx)


def get_verification_flow(raw_id: str | None, ctx: FlowContext) -> VerificationFlow:
    """``getVerificationFlow``: 403 for another browser's flow, 410 once expired."""
    flow = flow_service.load(VerificationFlow, raw_id)
    flow_service.check_browser_owner(flow, ctx)
    if flow.is_expired_at(clock.now()):
        raise FlowGone(text.VERIFICATION_FLOW_GONE_REASON)
    if flow.type == FlowType.BROWSER and ctx.csrf is not None:
        flow_service.set_csrf_node(flow, ctx)
    return flow


def _fresh_with(flow: VerificationFlow, ctx: FlowContext, message: JSON) -> VerificationFlow:
    fresh = build_verification_flow(flow.type, ctx)
    fresh.request_url, fresh.return_to = flow.request_url, flow.return_to
    Container(fresh.ui).messages.append(message)
    flow_service.save(fresh)
    return fresh


def _replacement(flow: VerificationFlow, ctx: FlowContext) -> Any:
    def replace(error: FlowExpired) -> VerificationFlow:
        message = flow_text.flow_expired(
            MessageId.ERROR_VALIDATION_VERIFICATION_FLOW_EXPIRED, error.expired_at, clock.now()
        )
        return _fresh_with(flow, ctx, message)

    return replace


def retry(flow: VerificationFlow, ctx: FlowContext, message: JSON) -> ShowFlow:
    """A new flow showing ``message`` replaces this one (Kratos's retry)."""
    fresh = _fresh_with(flow, ctx, message)
    return ShowFlow(fresh, status=200, ui_url=flow_service.ui_url("verification"))


def return_target(flow: VerificationFlow) -> str:
    """``return_to``, else ``after.default_browser_return_url``, else this flow's UI."""
    if flow.return_to:
        return flow_service.return_to_for(flow)
    configured = flow_service.flow_config("verification").after.get("default_browser_return_url")
    if configured:
        return urljoin(flow_service.public_base_url(), str(configured))
    return flow.append_to(flow_service.ui_url("verification"))


def _succeed(flow: VerificationFlow, result: Verified, ctx: FlowContext) -> None:
    container = Container(Container.new(str(flow.ui.get("action", ""))).data)
    flow.ui = container.data
    flow_service.set_csrf_node(flow, ctx)
    anchor = anchor_node(
        "continue", return_target(flow), Group.CODE, ui_text(MessageId.INFO_NODE_LABEL_CONTINUE)
    )
    anchor["meta"] = {"label": ui_text(MessageId.INFO_NODE_LABEL_CONTINUE)}
    container.append(anchor)
    container.messages.append(ui_text(MessageId.INFO_SELF_SERVICE_VERIFICATION_SUCCESSFUL))
    flow.state = FlowState.PASSED_CHALLENGE
    identity = result.address.identity
    with transaction.atomic():
        hooks.run_after(HookState(flow=flow, ctx=ctx, identity=identity))
        flow_service.save(flow)
    event(SecurityEvent.VERIFICATION_SUCCEEDED, identity_id=identity.id, via=result.address.via)


def update_verification_flow(
    raw_id: str | None, body: JSON, ctx: FlowContext
) -> ShowFlow | Redirect:
    """``updateVerificationFlow`` (also ``GET ?flow=&token=`` for links: token in ``body``)."""
    flow = flow_service.load(VerificationFlow, raw_id)
    try:
        _check_enabled()
        now = clock.now()
        if flow.is_expired_at(now):
            raise FlowExpired(flow.expires_at, now)
        if flow.state == FlowState.PASSED_CHALLENGE:
            raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_VERIFICATION_RETRY_SUCCESS)
        result = strategy_for(body).verify(flow, body, ctx)
        if result is None:
            raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_VERIFICATION_NO_STRATEGY_FOUND)
        if isinstance(result, ShowFlow):
            return result
        _succeed(flow, result, ctx)
    except CodeSubmittedTooOften as err:
        return retry(flow, ctx, ui_text(MessageId.ERROR_VALIDATION_GENERIC, reason=err.reason))
    except Exception as err:  # noqa: BLE001 - the flow error handler decides
        return handler.handle(flow, err, ctx, replace=_replacement(flow, ctx), sort=sort_nodes)
    if result.by_link:
        return Redirect(return_target(flow))
    return ShowFlow(flow, status=200, ui_url=flow_service.ui_url("verification"))


def sent(flow: VerificationFlow, message_id: MessageId) -> ShowFlow:
    """The flow after a code or link was (or seemed to be) sent: ``sent_email`` + message."""
    flow.state = FlowState.SENT_EMAIL
    container = Container(flow.ui)
    container.reset_messages()
    container.messages.append(ui_text(message_id))
    sort_nodes(flow)
    flow_service.save(flow)
    return ShowFlow(flow, status=200, ui_url=flow_service.ui_url("verification"))
