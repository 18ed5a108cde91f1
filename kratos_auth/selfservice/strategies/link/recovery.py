"""Account recovery by an emailed link (Kratos's link strategy, recovery part).

``{"method": "link", "email": …}`` sends a link (the same answer, 1060002, for unknown
addresses). Opening ``GET /self-service/recovery?flow=…&token=…`` recovers the account in
that browser; an invalid, expired or used token starts a new flow showing 4060004.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.schema.formats import is_email
from kratos_auth.schema.validation import quote
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.recovery import service as recovery_service
from kratos_auth.selfservice.recovery.models import RecoveryFlow
from kratos_auth.selfservice.recovery.strategy import Recovered
from kratos_auth.selfservice.strategies.link import nodes, payloads, sender, tokens
from kratos_auth.selfservice.strategies.link.models import LinkPurpose
from kratos_auth.selfservice.verification import addresses
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import identity as identity_text

JSON = Any
SESSION_METHOD = "link_recovery"


def populate(flow: RecoveryFlow, ctx: FlowContext) -> None:
    nodes.populate(flow)


def _from_token(flow: RecoveryFlow, token: str, ctx: FlowContext) -> Recovered | ShowFlow:
    row = tokens.use(LinkPurpose.RECOVERY, flow, token)
    if row is None:
        message = ui_text(MessageId.ERROR_VALIDATION_RECOVERY_TOKEN_INVALID)
        return recovery_service.retry(flow, ctx, message)
    if row.address:
        addresses.mark_verified(row.identity_id, row.via or "email", row.address)
    flow.active = nodes.METHOD
    return Recovered(identity=row.identity, method=SESSION_METHOD)


def recover(flow: RecoveryFlow, body: JSON, ctx: FlowContext) -> Recovered | ShowFlow | None:
    token = body.get("token")
    if isinstance(token, str) and token:
        return _from_token(flow, token, ctx)
    if body.get("method") != nodes.METHOD:
        return None
    email = payloads.submitted_email(flow, body, ctx)
    if not is_email(email):
        nodes.show_form(flow, email[:320])
        if not email:
            raise payloads.email_required()
        reason = identity_text.JSONSCHEMA_FORMAT.format(value=quote(email), format=quote("email"))
        raise FlowValidation.generic(reason, node="email")
    flow.transient_payload = payloads.transient_payload(body)
    sender.send_recovery_link(flow, email, ctx)
    nodes.show_form(flow, email)
    flow.active = nodes.METHOD
    return recovery_service.sent(flow, MessageId.INFO_SELF_SERVICE_RECOVERY_EMAIL_SENT)
