"""Address verification by a code (Kratos's code strategy, verification part).

``{"method": "code", "email": …}`` sends a code (the field also takes a phone number for
``via: sms`` addresses); ``{"method": "code", "code": …}`` verifies it. The message also
carries a link (``GET /self-service/verification?flow=…&code=…``) that submits the code;
such a GET needs no anti-CSRF token, as in Kratos.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.models import FlowState
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.strategies.code import codes, nodes, sender
from kratos_auth.selfservice.strategies.code.models import CodePurpose
from kratos_auth.selfservice.strategies.code.payloads import CodePayload
from kratos_auth.selfservice.verification import addresses
from kratos_auth.selfservice.verification import service as verification_service
from kratos_auth.selfservice.verification.models import VerificationFlow
from kratos_auth.selfservice.verification.strategy import Verified
from kratos_auth.text import MessageId

JSON = Any


def populate(flow: VerificationFlow, ctx: FlowContext) -> None:
    nodes.email_form(flow)


def code_screen(flow: VerificationFlow, email: str) -> None:
    nodes.code_screen(flow, MessageId.INFO_NODE_LABEL_VERIFICATION_CODE, email)


def send_verification(flow: VerificationFlow, address: Any, ctx: FlowContext) -> None:
    """For the verification hook: a code to a known address, the flow in ``sent_email``."""
    flow_service.set_csrf_node(flow, ctx)
    sender.send_verification_code(flow, address.value, ctx, address=address, limited=False)
    code_screen(flow, address.value)
    flow.active = nodes.METHOD
    verification_service.sent(flow, MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_WITH_CODE_SENT)


def _send(flow: VerificationFlow, payload: CodePayload, ctx: FlowContext) -> ShowFlow:
    if not payload.email:
        errors = FlowValidation()
        errors.require("email")
        raise errors
    flow.transient_payload = payload.transient_payload
    sender.send_verification_code(flow, payload.email, ctx)
    code_screen(flow, payload.email)
    flow.active = nodes.METHOD
    message = MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_WITH_CODE_SENT
    return verification_service.sent(flow, message)


def _wrong_code(flow: VerificationFlow) -> ShowFlow:
    return flow_service.show_again(
        flow, MessageId.ERROR_VALIDATION_VERIFICATION_CODE_INVALID, "code"
    )


def verify(flow: VerificationFlow, body: JSON, ctx: FlowContext) -> Verified | ShowFlow | None:
    payload = CodePayload.parse(body)
    if payload.method != nodes.METHOD:
        return None
    from_link = ctx.method == "GET"
    if not from_link:
        flow_service.check_submission(flow, ctx, payload.csrf_token)
    if payload.email and not from_link:
        return _send(flow, payload, ctx)
    if not payload.has_code:
        errors = FlowValidation()
        errors.require("code" if flow.state == FlowState.SENT_EMAIL else "email")
        raise errors
    row = codes.use(CodePurpose.VERIFICATION, flow, payload.code_value)
    if row is None:
        return _wrong_code(flow)
    addresses.mark_verified(row.identity_id, row.via or "email", row.address)
    address = addresses.find(row.identity_id, row.via or "email", row.address)
    if address is None:  # the address left the traits since the code was sent
        return _wrong_code(flow)
    flow.active = nodes.METHOD
    return Verified(address=address, by_link=from_link)
