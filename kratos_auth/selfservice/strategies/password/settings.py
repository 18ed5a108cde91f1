"""Changing the password in the settings flow.

Needs a privileged session; the new password must pass the password policy (the same as at
sign-up, checked against the identity's identifiers) and differ from the current one
(4000039). Only then is it hashed; the settings service stores it.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import hashers
from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import CredentialsType
from kratos_auth.schema import TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.ui import Container, Group, InputType, input_node
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.privileged import require_privileged_session
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.password import nodes, policy
from kratos_auth.text import MessageId, ui_text

JSON = Any


def save_submit() -> JSON:
    return input_node(
        "method",
        Group.PASSWORD,
        InputType.SUBMIT,
        value=CredentialsType.PASSWORD,
        label=ui_text(MessageId.INFO_NODE_LABEL_SAVE),
    )


def populate(flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
    container = Container(flow.ui)
    container.upsert(nodes.password_node("new-password"))
    container.append(save_submit())


def _identifiers(identity: Any) -> tuple[str, ...]:
    try:
        extensions = inspect_traits(get_schema(identity.schema_id), identity.traits)
    except TraitsInvalid:
        return ()
    return extensions.identifiers_for(CredentialsType.PASSWORD)


def _refuse_reuse(identity: Any, password: str) -> None:
    credential = identity_queries.credentials_of(identity).get(CredentialsType.PASSWORD)
    if credential is None:
        return
    hashed = identity_queries.credential_config(credential).get("hashed_password")
    if isinstance(hashed, str) and hashed and hashers.verify_password(password, hashed):
        raise FlowValidation.on(
            policy.PASSWORD_NODE, MessageId.ERROR_VALIDATION_PASSWORD_SAME_AS_OLD
        )


def _password(body: JSON) -> str:
    value = body.get("password")
    if not isinstance(value, str) or not value:
        errors = FlowValidation()
        errors.require(policy.PASSWORD_NODE)
        raise errors
    return value


def settings(flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
    if body.get("method") != CredentialsType.PASSWORD:
        return None
    try:
        flow_service.check_submission(flow, ctx, token_from_body(body))
        password = _password(body)
        require_privileged_session(flow, ctx.session)
        policy.check_size(password)
        identity = flow.identity
        policy.validate(password, _identifiers(identity))
        _refuse_reuse(identity, password)
        hashed = policy.hash_new(password)
    except Exception:
        Container(flow.ui).reset_value(policy.PASSWORD_NODE)
        raise
    transient = body.get("transient_payload")
    flow.transient_payload = transient if isinstance(transient, dict) else None
    flow.active = CredentialsType.PASSWORD
    return SettingsUpdate(
        method=CredentialsType.PASSWORD,
        credentials={CredentialsType.PASSWORD: {"hashed_password": hashed}},
    )
