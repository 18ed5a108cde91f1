"""The password method's form nodes, as Kratos's password strategy renders them."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.ui import Group, InputType, input_node
from kratos_auth.text import MessageId, ui_text

JSON = Any
METHOD = "password"


def password_node(autocomplete: str) -> JSON:
    """``password``: required, in the password group, labelled "Password" (1070001)."""
    return input_node(
        "password",
        Group.PASSWORD,
        InputType.PASSWORD,
        required=True,
        autocomplete=autocomplete,
        label=ui_text(MessageId.INFO_NODE_LABEL_INPUT_PASSWORD),
    )


def identifier_node(label: JSON) -> JSON:
    """``identifier``: the login identifier, labelled from the identity schema."""
    return input_node("identifier", Group.DEFAULT, InputType.TEXT, required=True, label=label)


def hidden_identifier_node(value: str) -> JSON:
    """The identifier of the session being refreshed (``refresh=true``)."""
    return input_node("identifier", Group.DEFAULT, InputType.HIDDEN, value=value)


def login_submit() -> JSON:
    return input_node(
        "method",
        Group.PASSWORD,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_SELF_SERVICE_LOGIN),
    )


def registration_submit() -> JSON:
    return input_node(
        "method",
        Group.PASSWORD,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_SELF_SERVICE_REGISTRATION),
    )
