"""Signing up with a passkey (browser flows, as in Kratos).

The flow carries creation options for a new user handle (64 random characters, as Kratos)
with ``residentKey`` from ``authenticator_selection`` (``required`` by default). Submitting
``method=passkey`` without ``passkey_register`` validates the traits and shows the flow
again with options naming the user (Kratos redirects to the UI for that); submitting the
browser's attestation creates the identity with a ``passkey`` credential, identified by its
user handle.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import ratelimit
from kratos_auth.core import clock, randomness
from kratos_auth.identity.models import CredentialsType
from kratos_auth.mfa import authenticators, ceremonies, flowstate
from kratos_auth.mfa.relying_party import passkey_selection, relying_party
from kratos_auth.schema import TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits as trait_nodes
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Prepared
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.registration.strategy import IdentityDraft, Screen
from kratos_auth.selfservice.strategies.passkey import nodes
from kratos_auth.text import mfa as mfa_text

JSON = Any
METHOD = CredentialsType.PASSKEY
REGISTRATION = "registration"
USER_HANDLE_LENGTH = 64


def offer(flow: Any, user_name: str, *, settings: bool = False, user_handle: str = "") -> None:
    """Put creation options (and their session data) for a new passkey on the flow."""
    rp = relying_party(METHOD)
    selection = passkey_selection()
    handle = user_handle or randomness.token(USER_HANDLE_LENGTH)
    exclude = flowstate.get(flow, METHOD, "exclude") or []
    challenge = ceremonies.begin_registration(
        rp,
        user_id=handle.encode(),
        user_name=user_name or rp.display_name,
        exclude=[ceremonies.from_b64url(e) for e in exclude],
        resident_key=selection.resident_key,
        user_verification=selection.user_verification,
        attachment=selection.attachment,
    )
    flowstate.put(flow, METHOD, REGISTRATION, {**challenge.session, "user_handle": handle})
    container = Container(flow.ui)
    container.upsert(nodes.script_tag())
    container.upsert(nodes.create_data(challenge.options))
    container.upsert(nodes.register_input(settings))
    container.upsert(nodes.register_trigger(settings))


def populate(flow: RegistrationFlow, ctx: FlowContext, screen: Screen) -> None:
    if flow.type != FlowType.BROWSER or screen == Screen.PROFILE:
        return
    offer(flow, "")
    Container(flow.ui).append(nodes.registration_submit())


def _traits(flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft) -> JSON:
    traits = body.get("traits") if isinstance(body.get("traits"), dict) else {}
    schema = get_schema(draft.schema_id)
    if ctx.form_encoded:
        traits = trait_nodes.coerce_form_traits(schema, traits)
    try:
        extensions = inspect_traits(schema, traits)
    except TraitsInvalid as err:
        raise FlowValidation([(v.field or None, v.message) for v in err.violations]) from err
    flowstate.put(flow, METHOD, "display_name", extensions.passkey_display_name or "")
    return traits


def finish(flow: Any, submitted: str) -> tuple[dict[str, JSON], str]:
    """Verify the attestation; the stored key entry and the user handle it was made for."""
    pending = flowstate.get(flow, METHOD, REGISTRATION)
    if not isinstance(pending, dict):
        raise FlowValidation.generic(mfa_text.WEBAUTHN_NO_CHALLENGE)
    try:
        registered = ceremonies.finish_registration(relying_party(METHOD), pending, submitted)
    except ceremonies.WebAuthnMalformed as err:
        raise FlowValidation.generic(mfa_text.WEBAUTHN_UNPARSABLE) from err
    except ceremonies.WebAuthnFailed as err:
        raise FlowValidation.generic(mfa_text.WEBAUTHN_REGISTRATION_FAILED) from err
    flowstate.pop(flow, METHOD, REGISTRATION)
    name = str(flowstate.get(flow, METHOD, "display_name") or "")
    item = authenticators.entry(registered, display_name=name, passwordless=True, now=clock.now())
    return item, str(pending.get("user_handle") or "")


def register(
    flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft
) -> Prepared | None:
    submitted = body.get(nodes.REGISTER) if isinstance(body.get(nodes.REGISTER), str) else ""
    if flow.type != FlowType.BROWSER or not (submitted or body.get("method") == METHOD):
        return None
    container = Container(flow.ui)
    try:
        flow_service.check_submission(flow, ctx, token_from_body(body))
        traits = _traits(flow, body, ctx, draft)
        ratelimit.check(ratelimit.Action.REGISTRATION, ctx.client_ip)
        if not submitted:
            offer(flow, str(flowstate.get(flow, METHOD, "display_name") or ""))
            container.set_values(traits, "traits")
            raise FlowValidation()
        item, handle = finish(flow, submitted)
    except Exception:
        container.reset_value(nodes.REGISTER)
        raise
    draft.traits = traits
    draft.credentials[METHOD] = {
        "credentials": [item],
        "user_handle": ceremonies.std_b64(handle.encode()),
    }
    flow.active = METHOD
    return Prepared(METHOD)
