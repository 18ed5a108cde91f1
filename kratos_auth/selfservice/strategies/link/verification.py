"""Address verification by an emailed link (Kratos's link strategy, verification part).

``{"method": "link", "email": …}`` sends a link (1080001 for known and unknown addresses
alike); opening ``GET /self-service/verification?flow=…&token=…`` verifies the address and
sends the browser on to ``return_to``, ``after.default_browser_return_url`` or the flow's
UI. An invalid, expired or used token starts a new flow showing 4070001.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.strategies.link import nodes, payloads, sender, tokens
from kratos_auth.selfservice.strategies.link.models import LinkPurpose
from kratos_auth.selfservice.verification import addresses
from kratos_auth.selfservice.verification import service as verification_service
from kratos_auth.selfservice.verification.models import VerificationFlow
from kratos_auth.selfservice.verification.strategy import Verified
from kratos_auth.text import MessageId, ui_text

JSON = Any


def populate(flow: VerificationFlow, ctx: FlowContext) -> None:
    nodes.populate(flow)


def send_verification(flow: VerificationFlow, address: Any, ctx: FlowContext) -> None:
    flow_service.set_csrf_node(flow, ctx)
    sender.send_verification_link(flow, address.value, ctx, address=address, limited=False)
    nodes.show_form(flow, address.value)
    flow.active = nodes.METHOD
    verification_service.sent(flow, MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_SENT)


def _from_token(flow: VerificationFlow, token: str, ctx: FlowContext) -> Verified | ShowFlow:
    row = tokens.use(LinkPurpose.VERIFICATION, flow, token)
    address = None
    if row is not None:
        addresses.mark_verified(row.identity_id, row.via or "email", row.address)
        address = addresses.find(row.identity_id, row.via or "email", row.address)
    if address is None:
        message = ui_text(MessageId.ERROR_VALIDATION_VERIFICATION_TOKEN_INVALID)
        return verification_service.retry(flow, ctx, message)
    flow.active = nodes.METHOD
    return Verified(address=address, by_link=True)


def verify(flow: VerificationFlow, body: JSON, ctx: FlowContext) -> Verified | ShowFlow | None:
    token = body.get("token")
    if isinstance(token, str) and token:
        return _from_token(flow, token, ctx)
    if body.get("method") != nodes.METHOD:
        return None
    email = payloads.submitted_email(flow, body, ctx)
    if not email:
        raise payloads.email_required()
    flow.transient_payload = payloads.transient_payload(body)
    sender.send_verification_link(flow, email[:320], ctx)
    nodes.show_form(flow, email[:320])
    flow.active = nodes.METHOD
    return verification_service.sent(flow, MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_SENT)
