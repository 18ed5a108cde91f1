"""The lookup secret method's form nodes, as Kratos's lookup strategy renders them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kratos_auth.selfservice.flow.ui import Group, InputType, input_node, text_node
from kratos_auth.text import MessageId, ui_text

JSON = Any
METHOD = "lookup_secret"
CODE = "lookup_secret"
REVEAL = "lookup_secret_reveal"
REGENERATE = "lookup_secret_regenerate"
DISABLE = "lookup_secret_disable"
CODES = "lookup_secret_codes"
CONFIRM = "lookup_secret_confirm"
SETTINGS_NODES = (REVEAL, REGENERATE, DISABLE, CODES, CONFIRM)


def login_code() -> JSON:
    return input_node(
        CODE,
        Group.LOOKUP_SECRET,
        InputType.TEXT,
        required=True,
        label=ui_text(MessageId.INFO_LOGIN_LOOKUP_LABEL),
    )


def login_submit() -> JSON:
    return input_node(
        "method",
        Group.LOOKUP_SECRET,
        InputType.SUBMIT,
        value=METHOD,
        label=ui_text(MessageId.INFO_LOGIN_LOOKUP),
    )


def _button(name: str, message_id: MessageId) -> JSON:
    return input_node(
        name, Group.LOOKUP_SECRET, InputType.SUBMIT, value="true", label=ui_text(message_id)
    )


def reveal() -> JSON:
    return _button(REVEAL, MessageId.INFO_SETTINGS_REVEAL_LOOKUP)


def regenerate() -> JSON:
    return _button(REGENERATE, MessageId.INFO_SETTINGS_REGENERATE_LOOKUP)


def disable() -> JSON:
    return _button(DISABLE, MessageId.INFO_SETTINGS_DISABLE_LOOKUP)


def confirm() -> JSON:
    return _button(CONFIRM, MessageId.INFO_SETTINGS_LOOKUP_CONFIRM)


def codes(entries: Sequence[Mapping[str, JSON]]) -> JSON:
    """``lookup_secret_codes``: every code, or "used" with the time it was used (1050015)."""
    shown, messages = [], []
    for entry in entries:
        used_at = entry.get("used_at")
        if used_at:
            shown.append("used")
            messages.append(ui_text(MessageId.INFO_SETTINGS_LOOKUP_SECRET_USED, used_at=used_at))
        else:
            code = str(entry.get("code") or "")
            shown.append(code)
            messages.append(ui_text(MessageId.INFO_SETTINGS_LOOKUP_SECRET, secret=code))
    listing = ui_text(MessageId.INFO_SETTINGS_LOOKUP_SECRET_LIST, text=", ".join(shown))
    listing["context"] = {"secrets": messages}
    node = text_node(CODES, listing, Group.LOOKUP_SECRET)
    node["meta"] = {"label": ui_text(MessageId.INFO_SETTINGS_LOOKUP_SECRET_LABEL)}
    return node
