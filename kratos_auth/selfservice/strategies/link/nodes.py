"""The link method's form nodes."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.ui import Container, Group, InputType, input_node
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


def populate(flow: Any) -> None:
    """The recovery and verification form: the address and a submit button."""
    for node in form():
        Container(flow.ui).append(node)


def show_form(flow: Any, email: str) -> None:
    """The form again, with ``email`` filled in."""
    container = Container(flow.ui)
    container.remove("email")
    container.remove("method")
    for node in form(email):
        container.append(node)
