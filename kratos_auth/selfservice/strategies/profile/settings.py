"""Changing the traits in the settings flow (Kratos's profile strategy).

Traits are validated against the identity schema (messages on their nodes). Changing a
protected trait - one that is a login identifier or a verification or recovery address -
needs a privileged session, as in Kratos; other traits can be changed at any time.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import CredentialsType
from kratos_auth.schema import TraitsExtensions, TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits as trait_nodes
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.ui import Container, Group, InputType, input_node
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.privileged import require_privileged_session
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.profile.payloads import ProfilePayload
from kratos_auth.text import MessageId, ui_text

JSON = Any


def save_submit() -> JSON:
    return input_node(
        "method",
        Group.PROFILE,
        InputType.SUBMIT,
        value=CredentialsType.PROFILE,
        label=ui_text(MessageId.INFO_NODE_LABEL_SAVE),
    )


def populate(flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
    container = Container(flow.ui)
    for node in trait_nodes.trait_nodes(get_schema(identity.schema_id), Group.PROFILE):
        container.upsert(node)
    container.set_values(identity.traits or {}, "traits")
    container.append(save_submit())


def _protected(extensions: TraitsExtensions) -> tuple[frozenset, ...]:
    return (
        frozenset((i.type, i.value) for i in extensions.identifiers),
        frozenset((a.via, a.value) for a in extensions.verifiable_addresses),
        frozenset((a.via, a.value) for a in extensions.recovery_addresses),
    )


def _changes_protected(schema: Any, before: JSON, after: TraitsExtensions) -> bool:
    try:
        current = inspect_traits(schema, before)
    except TraitsInvalid:
        return True
    return _protected(current) != _protected(after)


def settings(flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
    payload = ProfilePayload.parse(body)
    if payload.method != CredentialsType.PROFILE:
        return None
    identity = flow.identity
    schema = get_schema(identity.schema_id)
    traits = payload.traits
    if ctx.form_encoded:
        traits = trait_nodes.coerce_form_traits(schema, traits)
    try:
        flow_service.check_submission(flow, ctx, payload.csrf_token)
        try:
            extensions = inspect_traits(schema, traits)
        except TraitsInvalid as err:
            raise FlowValidation([(v.field or None, v.message) for v in err.violations]) from err
        if _changes_protected(schema, identity.traits, extensions):
            require_privileged_session(flow, ctx.session)
    except Exception:
        Container(flow.ui).set_values(traits, "traits")
        raise
    flow.transient_payload = payload.transient_payload
    flow.active = CredentialsType.PROFILE
    return SettingsUpdate(method=CredentialsType.PROFILE, traits=traits)
