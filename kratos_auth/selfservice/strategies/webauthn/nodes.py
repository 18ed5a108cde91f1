"""The WebAuthn method's form nodes, as Kratos's ``webauthnx`` package renders them."""

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
METHOD = "webauthn"
LOGIN = "webauthn_login"
LOGIN_TRIGGER = "webauthn_login_trigger"
REGISTER = "webauthn_register"
REGISTER_TRIGGER = "webauthn_register_trigger"
REGISTER_DISPLAY_NAME = "webauthn_register_displayname"
REMOVE = "webauthn_remove"
SCRIPT = authenticator_nodes.SCRIPT


def script_tag() -> JSON:
    """``webauthn_script``: ``/.well-known/ory/webauthn.js`` with its integrity hash."""
    return authenticator_nodes.script_tag()


def _options(options: Mapping[str, JSON]) -> str:
    return json.dumps(options, separators=(",", ":"))


def login_trigger(options: Mapping[str, JSON], label: MessageId) -> JSON:
    node = input_node(LOGIN_TRIGGER, Group.WEBAUTHN, InputType.BUTTON, label=ui_text(label))
    return with_attributes(
        node,
        onclick=f"window.__oryWebAuthnLogin({_options(options)})",
        onclickTrigger="oryWebAuthnLogin",
    )


def login_input() -> JSON:
    return input_node(LOGIN, Group.WEBAUTHN, InputType.HIDDEN)


def identifier(value: str = "") -> JSON:
    """The identifier: a text field (passwordless step one) or hidden with its value."""
    if value:
        return input_node("identifier", Group.DEFAULT, InputType.HIDDEN, value=value)
    return input_node(
        "identifier",
        Group.DEFAULT,
        InputType.TEXT,
        required=True,
        autocomplete="username webauthn",
        label=ui_text(MessageId.INFO_NODE_LABEL_ID),
    )


def passwordless_submit() -> JSON:
    return input_node(
        "method",
        Group.WEBAUTHN,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_SELF_SERVICE_LOGIN_WEBAUTHN),
    )


def register_trigger(options: Mapping[str, JSON], label: MessageId) -> JSON:
    node = input_node(REGISTER_TRIGGER, Group.WEBAUTHN, InputType.BUTTON, label=ui_text(label))
    return with_attributes(
        node,
        onclick=f"window.__oryWebAuthnRegistration({_options(options)})",
        onclickTrigger="oryWebAuthnRegistration",
    )


def register_input() -> JSON:
    return input_node(REGISTER, Group.WEBAUTHN, InputType.HIDDEN)


def display_name() -> JSON:
    return input_node(
        REGISTER_DISPLAY_NAME,
        Group.WEBAUTHN,
        InputType.TEXT,
        label=ui_text(MessageId.INFO_SETTINGS_REGISTER_WEBAUTHN_DISPLAY_NAME),
    )


def remove(item: Mapping[str, JSON], disabled: bool = False) -> JSON:
    """A ``webauthn_remove`` button per key (value: the key id in hex, as Kratos)."""
    return authenticator_nodes.remove_button(
        REMOVE, Group.WEBAUTHN, MessageId.INFO_SETTINGS_REMOVE_WEBAUTHN, item, disabled
    )
