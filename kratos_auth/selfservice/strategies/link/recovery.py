"""Account recovery by an emailed link (Kratos's link strategy, recovery part).

``{"method": "link", "email": …}`` sends a link (the same answer, 1060002, for unknown
addresses). Opening ``GET /self-service/recovery?flow=…&token=…`` recovers the account in
that browser; an invalid, expired or used token starts a new flow showing 4060004.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.schema.formats import is_email
from kratos_auth.schema.validation import quote
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.recovery import service as recovery_service
from kratos_auth.selfservice.recovery.models import RecoveryFlow
from kratos_auth.selfservice.recovery.strategy import Recovered
from kratos_auth.selfservice.strategies.link import nodes, sender, tokens
from kratos_auth.selfservice.strategies.link.models import LinkPurpose
from kratos_auth.selfservice.verification import addresses
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import identity as identity_text

JSON = Any
SESSION_METHOD = "link_recovery"


def populate(flow: RecoveryFlow, ctx: FlowContext) -> None:
    for node in nodes.form():
        Container(flow.ui).append(node)


def _show_form(flow: RecoveryFlow, email: str) -> None:
    container = Container(flow.ui)
    container.remove("email")
    container.remove("method")
    for node in nodes.form(email):
        container.append(node)


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
    csrf_token = body.get("csrf_token") if isinstance(body.get("csrf_token"), str) else None
    flow_service.check_submission(flow, ctx, csrf_token)
    email = body.get("email").strip() if isinstance(body.get("email"), str) else ""
    if not is_email(email):
        _show_form(flow, email[:320])
        if not email:
            errors = FlowValidation()
            errors.require("email")
            raise errors
        reason = identity_text.JSONSCHEMA_FORMAT.format(value=quote(email), format=quote("email"))
        raise FlowValidation.generic(reason, node="email")
    transient = body.get("transient_payload")
    flow.transient_payload = transient if isinstance(transient, dict) else None
    sender.send_recovery_link(flow, email, ctx)
    _show_form(flow, email)
    flow.active = nodes.METHOD
    return recovery_service.sent(flow, MessageId.INFO_SELF_SERVICE_RECOVERY_EMAIL_SENT)
