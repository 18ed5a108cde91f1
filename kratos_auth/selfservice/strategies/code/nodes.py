"""The code method's form nodes, as Kratos's code strategy renders them."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.ui import Container, Group, InputType, input_node
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import account as text

JSON = Any
METHOD = "code"


def email_input(value: str = "") -> JSON:
    return input_node(
        "email",
        Group.CODE,
        InputType.EMAIL,
        value=value,
        required=True,
        autocomplete="email",
        label=ui_text(MessageId.INFO_NODE_LABEL_EMAIL),
    )


def code_input(label: MessageId) -> JSON:
    return input_node(
        "code",
        Group.CODE,
        InputType.TEXT,
        required=True,
        autocomplete="one-time-code",
        label=ui_text(label),
    )


def method_hidden() -> JSON:
    return input_node("method", Group.CODE, InputType.HIDDEN, value=METHOD)


def method_submit(label: MessageId) -> JSON:
    return input_node("method", Group.CODE, InputType.SUBMIT, value=METHOD, label=ui_text(label))


def resend_email(value: str) -> JSON:
    """Submitting the address again sends a new code (Kratos's "Resend code" button)."""
    return input_node(
        "email",
        Group.CODE,
        InputType.SUBMIT,
        value=value,
        label=ui_text(MessageId.INFO_NODE_LABEL_RESEND_OTP),
    )


def resend_code() -> JSON:
    return input_node(
        "resend",
        Group.CODE,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_NODE_LABEL_RESEND_OTP),
    )


def identifier_input(label: JSON) -> JSON:
    return input_node("identifier", Group.DEFAULT, InputType.TEXT, required=True, label=label)


def hidden(name: str, value: JSON, group: Group = Group.DEFAULT) -> JSON:
    return input_node(name, group, InputType.HIDDEN, value=value)


def address_submit(address: str, channel: str) -> JSON:
    """A second-factor address to send the code to (1010023 "Send code to …")."""
    return input_node(
        "address",
        Group.CODE,
        InputType.SUBMIT,
        value=address,
        label=text.code_address(address, channel),
    )


def email_form(flow: Any) -> None:
    """The first screen of recovery and verification: the address and a submit button."""
    container = Container(flow.ui)
    container.append(email_input())
    container.append(method_submit(MessageId.INFO_NODE_LABEL_SUBMIT))


def code_screen(flow: Any, code_label: MessageId, email: str = "") -> None:
    """The nodes once a code was sent: code field, submit, and "Resend code" (email)."""
    container = Container(flow.ui)
    for name in ("email", "code", "method"):
        container.remove(name)
    container.append(code_input(code_label))
    container.append(method_hidden())
    container.append(method_submit(MessageId.INFO_NODE_LABEL_SUBMIT))
    if email:
        container.append(resend_email(email))
