"""Signing up with an emailed code (``selfservice.methods.code.passwordless_enabled``).

``{"method": "code", "traits": …}`` validates the traits, sends one code to every ``code``
identifier address they name, and answers 400 with the flow in ``sent_email`` (1040005),
the traits kept as hidden fields. ``{"method": "code", "code": …, "traits": …}`` with the
same traits (else 4000036) and the right code (else 4040003) creates the identity with a
``code`` credential; the addresses the code reached are stored as verified.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import ratelimit
from kratos_auth.conf import config
from kratos_auth.identity.models import CredentialsType, VerifiableAddressStatus
from kratos_auth.schema import TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits as trait_nodes
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.models import FlowState
from kratos_auth.selfservice.flow.outcomes import Prepared
from kratos_auth.selfservice.flow.ui import Container, flatten
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.registration.strategy import IdentityDraft, Screen
from kratos_auth.selfservice.strategies.code import codes, nodes, sender
from kratos_auth.selfservice.strategies.code.models import CodePurpose
from kratos_auth.selfservice.strategies.code.payloads import CodePayload
from kratos_auth.text import MessageId, ui_text

JSON = Any
TRAITS_KEY = "code_traits"


def _enabled() -> bool:
    return bool(config.selfservice.methods["code"].passwordless_enabled)


def populate(flow: RegistrationFlow, ctx: FlowContext, screen: Screen) -> None:
    if not _enabled() or screen == Screen.PROFILE:
        return
    container = Container(flow.ui)
    if screen == Screen.UNIFIED:
        for node in trait_nodes.trait_nodes(get_schema(flow.identity_schema or None)):
            if container.find(node["attributes"]["name"]) is None:
                container.upsert(node)
    container.append(nodes.method_submit(MessageId.INFO_SELF_SERVICE_REGISTRATION_REGISTER_CODE))


def _code_addresses(draft: IdentityDraft, traits: JSON) -> list[tuple[str, str]]:
    try:
        extensions = inspect_traits(get_schema(draft.schema_id), traits)
    except TraitsInvalid as err:
        raise FlowValidation([(v.field or None, v.message) for v in err.violations]) from err
    found = list(extensions.code_addresses())
    if not found:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_IDENTIFIER_MISSING)
    return found


def _sent_screen(flow: RegistrationFlow, ctx: FlowContext, traits: JSON) -> FlowValidation:
    container = Container.new(str(flow.ui.get("action", "")))
    flow.ui = container.data
    flow_service.set_csrf_node(flow, ctx)
    for name, value in flatten(traits, "traits"):
        if not isinstance(value, dict | list):
            container.append(nodes.hidden(name, value))
    container.append(nodes.code_input(MessageId.INFO_NODE_LABEL_REGISTRATION_CODE))
    container.append(nodes.method_submit(MessageId.INFO_NODE_LABEL_CONTINUE))
    container.append(nodes.resend_code())
    flow.state = FlowState.SENT_EMAIL
    flow.active = nodes.METHOD
    return FlowValidation([(None, ui_text(MessageId.INFO_SELF_SERVICE_REGISTRATION_CODE_SENT))])


def _send(flow: RegistrationFlow, traits: JSON, ctx: FlowContext, draft: IdentityDraft) -> None:
    found = _code_addresses(draft, traits)
    ratelimit.check(ratelimit.Action.CODE_SENDING, ctx.client_ip, found[0][1])
    sender.send_registration_code(flow, found, traits)
    flow.internal_context = {**(flow.internal_context or {}), TRAITS_KEY: traits}
    raise _sent_screen(flow, ctx, traits)


def _complete(
    flow: RegistrationFlow, payload: CodePayload, traits: JSON, draft: IdentityDraft
) -> Prepared:
    if (flow.internal_context or {}).get(TRAITS_KEY) != traits:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_TRAITS_MISMATCH)
    row = codes.use(CodePurpose.REGISTRATION, flow, payload.code_value)
    if row is None:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_REGISTRATION_CODE_INVALID)
    draft.traits = traits
    draft.credentials[CredentialsType.CODE] = {}
    draft.verifiable_addresses = [
        {
            "via": via,
            "value": address,
            "verified": True,
            "status": VerifiableAddressStatus.COMPLETED,
        }
        for via, address in _code_addresses(draft, traits)
    ]
    flow.active = nodes.METHOD
    return Prepared(CredentialsType.CODE)


def register(
    flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft
) -> Prepared | None:
    payload = CodePayload.parse(body)
    if payload.method != nodes.METHOD or not _enabled():
        return None
    traits = payload.traits
    if ctx.form_encoded:
        traits = trait_nodes.coerce_form_traits(get_schema(draft.schema_id), traits)
    try:
        flow_service.check_submission(flow, ctx, payload.csrf_token)
        flow.transient_payload = payload.transient_payload
        if flow.state != FlowState.SENT_EMAIL or payload.resend or not payload.has_code:
            _send(flow, traits, ctx, draft)
        return _complete(flow, payload, traits, draft)
    except FlowValidation:
        container = Container(flow.ui)
        container.set_values(traits, "traits")
        container.reset_value("code")
        raise
