"""Adding and removing passkeys in the settings flow (browser flows, as in Kratos).

New passkeys share the identity's user handle (a new one is made for its first passkey), so
any of them signs in to the same identity. The last credential the identity can sign in
with cannot be removed. Both need a privileged session.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.credentials import user_handle_identifier
from kratos_auth.identity.models import Credential, CredentialsType
from kratos_auth.identity.sync import load_config
from kratos_auth.mfa import authenticators, ceremonies, flowstate
from kratos_auth.schema import TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.settings import security_keys
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.passkey import nodes
from kratos_auth.selfservice.strategies.passkey import registration as passkey_registration
from kratos_auth.text import mfa as mfa_text

JSON = Any
METHOD = CredentialsType.PASSKEY


def _stored(identity_id: object) -> tuple[list[dict[str, JSON]], str]:
    """The identity's passkeys and their user handle (text), read fresh."""
    row = Credential.objects.filter(identity_id=identity_id, type=METHOD).first()
    if row is None:
        return [], ""
    config = load_config(row.config)
    return authenticators.entries(config), user_handle_identifier(config.get("user_handle"))


def _display_name(identity: Any) -> str:
    try:
        extensions = inspect_traits(get_schema(identity.schema_id), identity.traits)
    except TraitsInvalid:
        return ""
    return extensions.passkey_display_name or ""


def populate(flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
    if flow.type != FlowType.BROWSER:
        return
    container = Container(flow.ui)
    items, handle = _stored(identity.id)
    last = len(items) == 1 and authenticators.first_factor_count(identity) < 2
    for item in items:
        container.append(nodes.remove(item, disabled=last))
    flowstate.put(
        flow, METHOD, "exclude", [ceremonies.b64url(authenticators.raw_id(i)) for i in items]
    )
    flowstate.put(flow, METHOD, "display_name", _display_name(identity))
    passkey_registration.offer(flow, _display_name(identity), settings=True, user_handle=handle)


def _add(flow: SettingsFlow, identity: Any, submitted: str) -> SettingsUpdate:
    item, handle = passkey_registration.finish(flow, submitted)
    items, stored_handle = _stored(identity.id)
    handle = stored_handle or handle
    config = {"credentials": [*items, item], "user_handle": ceremonies.std_b64(handle.encode())}
    return SettingsUpdate(METHOD, credentials={METHOD: config})


def _remove(identity: Any, key_hex: str) -> SettingsUpdate:
    items, handle = _stored(identity.id)
    kept, removed = authenticators.without(items, key_hex)
    if removed is None:
        raise FlowValidation.generic(mfa_text.WEBAUTHN_NOT_FOUND)
    if not kept and authenticators.first_factor_count(identity) < 2:
        raise FlowValidation.generic(mfa_text.WEBAUTHN_LAST_FACTOR)
    if not kept:
        return SettingsUpdate(METHOD, credentials={METHOD: None})
    config = {"credentials": kept, "user_handle": ceremonies.std_b64(handle.encode())}
    return SettingsUpdate(METHOD, credentials={METHOD: config})


def settings(flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
    return security_keys.update_keys(
        flow,
        body,
        ctx,
        register_field=nodes.SETTINGS_REGISTER,
        remove_field=nodes.REMOVE,
        add=lambda identity, submitted: _add(flow, identity, submitted),
        remove=_remove,
    )
