"""The TOTP method's form nodes, as Kratos's TOTP strategy renders them."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.ui import Group, InputType, image_node, input_node, text_node
from kratos_auth.text import MessageId, ui_text

JSON = Any
METHOD = "totp"
CODE = "totp_code"
QR = "totp_qr"
SECRET_KEY = "totp_secret_key"
UNLINK = "totp_unlink"
QR_SIZE = 256


def _labelled(node: JSON, message_id: MessageId) -> JSON:
    node["meta"] = {"label": ui_text(message_id)}
    return node


def _code(label: MessageId) -> JSON:
    return input_node(
        CODE,
        Group.TOTP,
        InputType.TEXT,
        required=True,
        autocomplete="one-time-code",
        label=ui_text(label),
    )


def _submit(label: MessageId) -> JSON:
    return input_node("method", Group.TOTP, InputType.SUBMIT, value=METHOD, label=ui_text(label))


def login_code() -> JSON:
    """``totp_code`` on an ``aal=aal2`` login ("Authentication code", 1010006)."""
    return _code(MessageId.INFO_LOGIN_TOTP_LABEL)


def login_submit() -> JSON:
    return _submit(MessageId.INFO_LOGIN_TOTP)


def qr_image(src: str) -> JSON:
    """``totp_qr``: the ``otpauth://`` URL as a PNG data URI (secret: sealed on the flow)."""
    return _labelled(
        image_node(QR, src, Group.TOTP, QR_SIZE, QR_SIZE), MessageId.INFO_SETTINGS_TOTP_QR_CODE
    )


def secret_key(secret: str) -> JSON:
    """``totp_secret_key``: the base32 secret for manual entry (sealed on the flow)."""
    message = ui_text(MessageId.INFO_SETTINGS_TOTP_SECRET, secret=secret)
    return _labelled(
        text_node(SECRET_KEY, message, Group.TOTP), MessageId.INFO_SETTINGS_TOTP_SECRET_LABEL
    )


def verify_code() -> JSON:
    return _code(MessageId.INFO_NODE_LABEL_VERIFY_OTP)


def settings_submit() -> JSON:
    return _submit(MessageId.INFO_NODE_LABEL_SAVE)


def unlink() -> JSON:
    return input_node(
        UNLINK,
        Group.TOTP,
        InputType.SUBMIT,
        value="true",
        required=True,
        label=ui_text(MessageId.INFO_SETTINGS_UNLINK_TOTP),
    )
