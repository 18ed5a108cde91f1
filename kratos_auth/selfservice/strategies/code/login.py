"""Signing in with an emailed code: passwordless (first factor) or as a second factor.

Passwordless (``selfservice.methods.code.passwordless_enabled``): ``{"method": "code",
"identifier": …}`` sends a code to the address the identifier names and answers 400 with
the flow in ``sent_email`` (1010014) - the same for an identifier nobody has (Kratos says
4000035 there; we do not reveal which accounts exist). ``{"method": "code", "code": …,
"identifier": …}`` signs in; a wrong code gives 4010008. ``"resend": "code"`` sends a new
code. Using the code also verifies the address.

Second factor (``mfa_enabled``, ``aal=aal2``): the flow lists the identity's code addresses
(1010023); ``{"address": …}`` sends a code there (4010010 for an address not on the
account), ``{"method": "code", "code": …}`` completes AAL2.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import ratelimit
from kratos_auth.conf import config
from kratos_auth.courier import pacing
from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import AAL, CredentialsType
from kratos_auth.schema import get_schema, normalize_code_identifier
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.models import FlowState
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.strategies.code import codes, nodes, sender
from kratos_auth.selfservice.strategies.code.models import CodePurpose
from kratos_auth.selfservice.strategies.code.payloads import CodePayload
from kratos_auth.selfservice.verification import addresses as verifiable
from kratos_auth.text import MessageId, ui_text

JSON = Any
IDENTIFIER_KEY = "code_identifier"
ADDRESS_KEY = "code_address"


def _settings() -> Any:
    return config.selfservice.methods["code"]


def code_addresses(identity: Any) -> list[tuple[str, str]]:
    """``(channel, address)`` of the identity's ``code`` credential."""
    if identity is None:
        return []
    credential = identity_queries.credentials_of(identity).get(CredentialsType.CODE)
    if credential is None:
        return []
    found = identity_queries.credential_config(credential).get("addresses") or []
    return [
        (str(a.get("channel") or "email"), str(a["address"]))
        for a in found
        if isinstance(a, dict) and a.get("address")
    ]


def populate(flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
    container = Container(flow.ui)
    if flow.requested_aal == AAL.AAL1:
        if not _settings().passwordless_enabled:
            return
        if flow.refresh and session is not None:
            found = code_addresses(session.identity)
            if not found:
                return
            container.upsert(nodes.hidden("identifier", found[0][1]))
        elif container.find("identifier") is None:
            label = traits.identifier_label(get_schema(flow.identity_schema or None))
            container.upsert(nodes.identifier_input(label))
        container.append(nodes.method_submit(MessageId.INFO_SELF_SERVICE_LOGIN_CODE))
    elif _settings().mfa_enabled and session is not None:
        for channel, address in code_addresses(session.identity):
            container.append(nodes.address_submit(address, channel))


def _sent_screen(
    flow: LoginFlow, ctx: FlowContext, hidden_name: str, hidden_value: str
) -> FlowValidation:
    """Only the code form remains; answered like Kratos (400 with the flow)."""
    container = Container.new(str(flow.ui.get("action", "")))
    flow.ui = container.data
    flow_service.set_csrf_node(flow, ctx)
    container.append(nodes.hidden(hidden_name, hidden_value))
    container.append(nodes.code_input(MessageId.INFO_NODE_LABEL_LOGIN_CODE))
    container.append(nodes.method_submit(MessageId.INFO_NODE_LABEL_CONTINUE))
    container.append(nodes.resend_code())
    flow.state = FlowState.SENT_EMAIL
    flow.active = nodes.METHOD
    return FlowValidation([(None, ui_text(MessageId.INFO_SELF_SERVICE_LOGIN_CODE_SENT))])


def _remember(flow: LoginFlow, key: str, value: str) -> None:
    flow.internal_context = {**(flow.internal_context or {}), key: value}


def _send_first_factor(flow: LoginFlow, identifier: str, ctx: FlowContext) -> FlowValidation:
    if not identifier:
        errors = FlowValidation()
        errors.require("identifier")
        return errors
    ratelimit.check(ratelimit.Action.CODE_SENDING, ctx.client_ip, identifier)
    with pacing.at_least():
        found = identity_queries.find_by_identifier(CredentialsType.CODE, identifier)
        identity = found.identity if found is not None and found.identity.is_active else None
        normalized = normalize_code_identifier(identifier, sender.via_of(identifier))
        via = next((c for c, a in code_addresses(identity) if a == normalized), "email")
        sender.send_login_code(flow, identity, normalized, via)
    _remember(flow, IDENTIFIER_KEY, normalized)
    return _sent_screen(flow, ctx, "identifier", identifier)


def _first_factor(flow: LoginFlow, payload: CodePayload, ctx: FlowContext) -> Authenticated:
    stored = str((flow.internal_context or {}).get(IDENTIFIER_KEY) or "")
    if flow.state != FlowState.SENT_EMAIL or payload.resend or not payload.has_code:
        raise _send_first_factor(flow, payload.identifier or stored, ctx)
    row = codes.use(CodePurpose.LOGIN, flow, payload.code_value)
    if row is None:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_LOGIN_CODE_INVALID)
    verifiable.mark_verified(row.identity_id, row.via or "email", row.address)
    return Authenticated(row.identity, CredentialsType.CODE, AAL.AAL1, row.address)


def _second_factor(flow: LoginFlow, payload: CodePayload, ctx: FlowContext) -> Authenticated:
    identity = ctx.session.identity
    if flow.state != FlowState.SENT_EMAIL or payload.resend or not payload.has_code:
        wanted = payload.address or str((flow.internal_context or {}).get(ADDRESS_KEY) or "")
        matches = [(c, a) for c, a in code_addresses(identity) if a == wanted]
        if not matches:
            raise FlowValidation.on("address", MessageId.ERROR_VALIDATION_LOGIN_ADDRESS_UNKNOWN)
        channel, address = matches[0]
        ratelimit.check(ratelimit.Action.CODE_SENDING, ctx.client_ip, address)
        sender.send_login_code(flow, identity, address, channel)
        _remember(flow, ADDRESS_KEY, address)
        raise _sent_screen(flow, ctx, "address", address)
    row = codes.use(CodePurpose.LOGIN, flow, payload.code_value, identity_id=identity.id)
    if row is None:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_LOGIN_CODE_INVALID)
    return Authenticated(identity, CredentialsType.CODE, AAL.AAL2, row.address)


def login(flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
    payload = CodePayload.parse(body)
    second = flow.requested_aal != AAL.AAL1
    ours = payload.method == nodes.METHOD or (second and not payload.method and payload.address)
    if not ours:
        return None
    enabled = _settings().mfa_enabled if second else _settings().passwordless_enabled
    if not enabled or (second and ctx.session is None):
        return None
    flow_service.check_submission(flow, ctx, payload.csrf_token)
    flow.transient_payload = payload.transient_payload
    try:
        result = (_second_factor if second else _first_factor)(flow, payload, ctx)
    except FlowValidation:
        Container(flow.ui).reset_value("code")
        raise
    flow.active = nodes.METHOD
    return result
