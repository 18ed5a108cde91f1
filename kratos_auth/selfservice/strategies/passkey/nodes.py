"""The passkey method's form nodes, as Kratos's passkey strategy renders them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kratos_auth.selfservice.flow import authenticator_nodes
from kratos_auth.selfservice.flow.ui import (
    Group,
    InputType,
    input_node,
    with_attributes,
)
from kratos_auth.text import MessageId, ui_text

JSON = Any
METHOD = "passkey"
LOGIN = "passkey_login"
LOGIN_TRIGGER = "passkey_login_trigger"
CHALLENGE = "passkey_challenge"
REGISTER = "passkey_register"
REGISTER_TRIGGER = "passkey_register_trigger"
SETTINGS_REGISTER = "passkey_settings_register"
CREATE_DATA = "passkey_create_data"
REMOVE = "passkey_remove"
SCRIPT = authenticator_nodes.SCRIPT


def script_tag() -> JSON:
    """``webauthn_script``: ``/.well-known/ory/webauthn.js`` with its integrity hash."""
    return authenticator_nodes.script_tag()


def _hidden(name: str, value: str = "") -> JSON:
    return input_node(name, Group.PASSKEY, InputType.HIDDEN, value=value)


def challenge(options: Mapping[str, JSON]) -> JSON:
    """``passkey_challenge``: the request options (discoverable login)."""
    return _hidden(CHALLENGE, json.dumps(options, separators=(",", ":")))


def create_data(options: Mapping[str, JSON]) -> JSON:
    """``passkey_create_data``: the creation options (sign-up, settings)."""
    return _hidden(CREATE_DATA, json.dumps(options, separators=(",", ":")))


def login_input() -> JSON:
    return with_attributes(
        _hidden(LOGIN),
        onload="window.__oryPasskeyLoginAutocompleteInit()",
        onloadTrigger="oryPasskeyLoginAutocompleteInit",
    )


def login_trigger() -> JSON:
    node = input_node(
        LOGIN_TRIGGER,
        Group.PASSKEY,
        InputType.BUTTON,
        label=ui_text(MessageId.INFO_SELF_SERVICE_LOGIN_PASSKEY),
    )
    return with_attributes(
        node, onclick="window.__oryPasskeyLogin()", onclickTrigger="oryPasskeyLogin"
    )


def identifier(label: JSON) -> JSON:
    return input_node(
        "identifier",
        Group.DEFAULT,
        InputType.TEXT,
        required=True,
        autocomplete="username webauthn",
        label=label,
    )


def register_trigger(settings: bool = False) -> JSON:
    message = (
        MessageId.INFO_SETTINGS_REGISTER_PASSKEY
        if settings
        else MessageId.INFO_SELF_SERVICE_REGISTRATION_REGISTER_PASSKEY
    )
    trigger = "oryPasskeySettingsRegistration" if settings else "oryPasskeyRegistration"
    node = input_node(REGISTER_TRIGGER, Group.PASSKEY, InputType.BUTTON, label=ui_text(message))
    return with_attributes(node, onclick=f"window.__{trigger}()", onclickTrigger=trigger)


def register_input(settings: bool = False) -> JSON:
    return _hidden(SETTINGS_REGISTER if settings else REGISTER)


def registration_submit() -> JSON:
    """The ``method=passkey`` button the script clicks once the passkey was created."""
    return input_node(
        "method",
        Group.PASSKEY,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_SELF_SERVICE_REGISTRATION_REGISTER_PASSKEY),
    )


def remove(item: Mapping[str, JSON], disabled: bool = False) -> JSON:
    return authenticator_nodes.remove_button(
        REMOVE, Group.PASSKEY, MessageId.INFO_SETTINGS_REMOVE_PASSKEY, item, disabled
    )
