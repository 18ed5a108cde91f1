"""Adding and removing security keys in the settings flow (browser flows, as in Kratos).

The flow carries creation options for the identity (user handle: its id, as Kratos) that
exclude its registered keys. ``webauthn_register`` (the browser's attestation, ``none`` or a
verifiable format) with ``webauthn_register_displayname`` adds a key — a second factor, or
a first factor when ``passwordless`` is on — and adds ``webauthn`` to the session;
``webauthn_remove`` (a key id in hex) removes one. The last credential an identity can sign
in with cannot be removed. Both need a privileged session.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.core import clock
from kratos_auth.identity.models import AAL, CredentialsType
from kratos_auth.mfa import authenticators, ceremonies, flowstate
from kratos_auth.mfa.relying_party import passwordless, relying_party
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.settings import security_keys
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.webauthn import nodes
from kratos_auth.selfservice.strategies.webauthn.login import stored_keys
from kratos_auth.session.aal import AuthenticationMethod
from kratos_auth.text import MessageId
from kratos_auth.text import mfa as mfa_text

JSON = Any
METHOD = CredentialsType.WEBAUTHN
REGISTRATION = "registration"
MAX_DISPLAY_NAME = 256


def populate(flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
    if flow.type != FlowType.BROWSER:
        return
    container = Container(flow.ui)
    items, identifiers = stored_keys(identity.id)
    if items:
        passwordless_keys = sum(1 for i in items if i.get("is_passwordless"))
        last = passwordless_keys == 1 and authenticators.first_factor_count(identity) < 2
        for item in items:
            container.append(
                nodes.remove(item, disabled=bool(item.get("is_passwordless")) and last)
            )
    challenge = ceremonies.begin_registration(
        relying_party(METHOD),
        user_id=identity.id.bytes,
        user_name=identifiers[0] if identifiers else str(identity.id),
        exclude=[authenticators.raw_id(i) for i in items],
    )
    flowstate.put(flow, METHOD, REGISTRATION, challenge.session)
    container.upsert(nodes.script_tag())
    container.upsert(nodes.display_name())
    container.upsert(
        nodes.register_trigger(challenge.options, MessageId.INFO_SETTINGS_REGISTER_WEBAUTHN)
    )
    container.upsert(nodes.register_input())


def _add(flow: SettingsFlow, identity: Any, submitted: str, display_name: str) -> SettingsUpdate:
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
    first_factor = passwordless()
    items, _ = stored_keys(identity.id)
    item = authenticators.entry(
        registered,
        display_name=display_name[:MAX_DISPLAY_NAME],
        passwordless=first_factor,
        now=clock.now(),
    )
    config = {"credentials": [*items, item], "user_handle": ceremonies.std_b64(identity.id.bytes)}
    aal = AAL.AAL1 if first_factor else AAL.AAL2
    return SettingsUpdate(
        METHOD, credentials={METHOD: config}, proved=(AuthenticationMethod(METHOD, aal),)
    )


def _remove(identity: Any, key_hex: str) -> SettingsUpdate:
    items, _ = stored_keys(identity.id)
    kept, removed = authenticators.without(items, key_hex)
    if removed is None:
        raise FlowValidation.generic(mfa_text.WEBAUTHN_NOT_FOUND)
    still_passwordless = any(k.get("is_passwordless") for k in kept)
    if (
        removed.get("is_passwordless")
        and not still_passwordless
        and authenticators.first_factor_count(identity) < 2
    ):
        raise FlowValidation.generic(mfa_text.WEBAUTHN_LAST_FACTOR)
    if not kept:
        return SettingsUpdate(METHOD, credentials={METHOD: None})
    config = {"credentials": kept, "user_handle": ceremonies.std_b64(identity.id.bytes)}
    return SettingsUpdate(METHOD, credentials={METHOD: config})


def settings(flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
    display_name = security_keys.string_field(body, nodes.REGISTER_DISPLAY_NAME)
    return security_keys.update_keys(
        flow,
        body,
        ctx,
        register_field=nodes.REGISTER,
        remove_field=nodes.REMOVE,
        add=lambda identity, submitted: _add(flow, identity, submitted, display_name),
        remove=_remove,
    )
