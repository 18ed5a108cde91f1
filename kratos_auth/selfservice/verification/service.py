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
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.selfservice.flow import handler, strategies
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import (
    CodeSubmittedTooOften,
    FlowDisabled,
    FlowValidation,
)
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowState
from kratos_auth.selfservice.flow.outcomes import Redirect, ShowFlow
from kratos_auth.selfservice.flow.ui import Container, Group, anchor_node
from kratos_auth.selfservice.verification import hooks
from kratos_auth.selfservice.verification.models import VerificationFlow
from kratos_auth.selfservice.verification.strategy import Verified
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import account as text

JSON = Any
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
    """The link strategy for an opened link (``token``), else the one in use."""
    return strategies.for_submission("verify", "verification", body)


def strategy_in_use() -> Any:
    """The strategy named by ``selfservice.flows.verification.use`` (it must be enabled)."""
    return strategies.in_use("verify", "verification")


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
    flow_service.check_readable(flow, ctx, text.VERIFICATION_FLOW_GONE_REASON)
    return flow


def _replacement(flow: VerificationFlow, ctx: FlowContext) -> Any:
    return flow_service.replacement(
        flow,
        lambda: build_verification_flow(flow.type, ctx),
        MessageId.ERROR_VALIDATION_VERIFICATION_FLOW_EXPIRED,
    )


def retry(flow: VerificationFlow, ctx: FlowContext, message: JSON) -> ShowFlow:
    """A new flow showing ``message`` replaces this one (Kratos's retry)."""
    fresh = flow_service.carry_over(flow, build_verification_flow(flow.type, ctx), message)
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
        flow_service.check_open(flow, MessageId.ERROR_VALIDATION_VERIFICATION_RETRY_SUCCESS)
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
    flow_service.mark_sent(flow, message_id, sort_nodes)
    return ShowFlow(flow, status=200, ui_url=flow_service.ui_url("verification"))
