"""Account recovery by an emailed code (Kratos's code strategy, recovery part).

1. ``{"method": "code", "email": …}`` sends a code (or, for an unknown address, does the
   same work and sends nothing); the flow moves to ``sent_email`` with 1060003 and a code
   field, 200 either way. Sending ``email`` again sends a new code and voids the old one.
2. ``{"method": "code", "code": …}``: a wrong, expired or used code keeps the flow with
   4060006 (200); the right one recovers the account (and verifies the address). After
   ``max_submissions`` tries the flow is replaced by a new one.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.schema.formats import is_email
from kratos_auth.schema.validation import quote
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.models import FlowState
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.recovery import service as recovery_service
from kratos_auth.selfservice.recovery.models import RecoveryFlow
from kratos_auth.selfservice.recovery.strategy import Recovered
from kratos_auth.selfservice.strategies.code import codes, nodes, sender
from kratos_auth.selfservice.strategies.code.models import CodePurpose
from kratos_auth.selfservice.strategies.code.payloads import CodePayload
from kratos_auth.selfservice.verification import addresses
from kratos_auth.text import MessageId
from kratos_auth.text import identity as identity_text

JSON = Any
SESSION_METHOD = "code_recovery"


def populate(flow: RecoveryFlow, ctx: FlowContext) -> None:
    nodes.email_form(flow)


def code_screen(flow: RecoveryFlow, email: str = "") -> None:
    """The nodes once a code was sent: code field, submit, and "Resend code" (email)."""
    nodes.code_screen(flow, MessageId.INFO_NODE_LABEL_RECOVERY_CODE, email)


def check_email(email: str) -> None:
    if not is_email(email):
        reason = identity_text.JSONSCHEMA_FORMAT.format(value=quote(email), format=quote("email"))
        raise FlowValidation.generic(reason, node="email")


def _send(flow: RecoveryFlow, payload: CodePayload, ctx: FlowContext) -> ShowFlow:
    try:
        check_email(payload.email)
    except FlowValidation:
        Container(flow.ui).set_value("email", payload.email)
        raise
    flow.transient_payload = payload.transient_payload
    sender.send_recovery_code(flow, payload.email, ctx)
    code_screen(flow, payload.email)
    flow.active = nodes.METHOD
    return recovery_service.sent(flow, MessageId.INFO_SELF_SERVICE_RECOVERY_EMAIL_WITH_CODE_SENT)


def _wrong_code(flow: RecoveryFlow) -> ShowFlow:
    return flow_service.show_again(flow, MessageId.ERROR_VALIDATION_RECOVERY_CODE_INVALID, "code")


def recover(flow: RecoveryFlow, body: JSON, ctx: FlowContext) -> Recovered | ShowFlow | None:
    payload = CodePayload.parse(body)
    if payload.method != nodes.METHOD:
        return None
    flow_service.check_submission(flow, ctx, payload.csrf_token)
    if payload.email:
        return _send(flow, payload, ctx)
    if not payload.has_code:
        errors = FlowValidation()
        errors.require("code" if flow.state == FlowState.SENT_EMAIL else "email")
        raise errors
    row = codes.use(CodePurpose.RECOVERY, flow, payload.code_value)
    if row is None:
        return _wrong_code(flow)
    if row.address:
        addresses.mark_verified(row.identity_id, row.via or "email", row.address)
    flow.active = nodes.METHOD
    return Recovered(identity=row.identity, method=SESSION_METHOD)
