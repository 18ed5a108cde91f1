"""The link method's form nodes."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.ui import Group, InputType, input_node
from kratos_auth.text import MessageId, ui_text

JSON = Any
METHOD = "link"


def email_input(value: str = "") -> JSON:
    return input_node(
        "email",
        Group.LINK,
        InputType.EMAIL,
        value=value,
        required=True,
        autocomplete="email",
        label=ui_text(MessageId.INFO_NODE_LABEL_EMAIL),
    )


def method_submit() -> JSON:
    return input_node(
        "method",
        Group.LINK,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_NODE_LABEL_SUBMIT),
    )


def form(value: str = "") -> list[JSON]:
    return [email_input(value), method_submit()]
