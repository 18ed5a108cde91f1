"""Signing up with traits and a password.

Cheap checks run before the one expensive step: the body, CSRF, the password's size, the
traits against the identity schema (Kratos's messages on the right nodes), that the traits
name a login identifier (4000009), and the password policy. Only then is the password
hashed; the identity itself is created by the registration service after the hooks.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import ratelimit
from kratos_auth.conf import config
from kratos_auth.identity.models import CredentialsType
from kratos_auth.schema import TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits as trait_nodes
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body as _csrf_token
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.outcomes import Prepared
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.registration.strategy import IdentityDraft, Screen
from kratos_auth.selfservice.strategies.password import nodes, policy
from kratos_auth.selfservice.strategies.password.payloads import PasswordRegistrationPayload
from kratos_auth.text import MessageId

JSON = Any


def populate(flow: RegistrationFlow, ctx: FlowContext, screen: Screen) -> None:
    """Kratos's ``PopulateRegistrationMethod`` (unified) / ``...Credentials`` (step two)."""
    if screen == Screen.PROFILE:
        return  # profile_first: the password is asked on the credentials screen
    container = Container(flow.ui)
    if screen == Screen.UNIFIED:
        schema = get_schema(flow.identity_schema or None)
        group = config.feature_flags.password_profile_registration_node_group or "default"
        for node in trait_nodes.trait_nodes(schema, group):
            container.upsert(node)
    container.upsert(nodes.password_node("new-password"))
    container.append(nodes.registration_submit())


def traits_invalid(err: TraitsInvalid) -> FlowValidation:
    return FlowValidation([(v.field or None, v.message) for v in err.violations])


def validate_traits(draft: IdentityDraft, traits: JSON) -> tuple[str, ...]:
    """Check ``traits`` and return the password identifiers they declare."""
    schema = get_schema(draft.schema_id)
    try:
        extensions = inspect_traits(schema, traits)
    except TraitsInvalid as err:
        raise traits_invalid(err) from err
    identifiers = extensions.identifiers_for(CredentialsType.PASSWORD)
    if not identifiers:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_IDENTIFIER_MISSING)
    return identifiers


def prepare(
    flow: RegistrationFlow,
    payload: PasswordRegistrationPayload,
    ctx: FlowContext,
    draft: IdentityDraft,
) -> Prepared:
    password = str(payload.password.reveal())
    policy.check_size(password)
    traits = payload.traits
    if ctx.form_encoded:
        traits = trait_nodes.coerce_form_traits(get_schema(draft.schema_id), traits)
    identifiers = validate_traits(draft, traits)
    # Before the breached-password lookup and the hash: the expensive steps.
    ratelimit.check(ratelimit.Action.REGISTRATION, ctx.client_ip, identifiers[0])
    policy.validate(password, identifiers)
    draft.traits = traits
    draft.credentials[CredentialsType.PASSWORD] = {"hashed_password": policy.hash_new(password)}
    flow.active = CredentialsType.PASSWORD
    return Prepared(CredentialsType.PASSWORD)


def register(
    flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft
) -> Prepared | None:
    if body.get("method") != CredentialsType.PASSWORD:
        return None
    traits = body.get("traits") if isinstance(body.get("traits"), dict) else {}
    try:
        flow_service.check_submission(flow, ctx, _csrf_token(body))
        payload = PasswordRegistrationPayload.parse(body)
        flow.transient_payload = payload.transient_payload
        return prepare(flow, payload, ctx, draft)
    except Exception:
        container = Container(flow.ui)
        container.set_values(traits, "traits")
        container.reset_value("password")
        raise
