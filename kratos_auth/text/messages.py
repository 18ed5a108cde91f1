"""UI message IDs and texts as Kratos sends them in ``ui.messages`` and node messages.

Each entry is ``(type, template)``; ``ui_text`` fills the template from the context.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class MessageId(IntEnum):
    INFO_SELF_SERVICE_LOGIN_ROOT = 1010000
    INFO_SELF_SERVICE_LOGIN = 1010001
    INFO_SELF_SERVICE_REGISTRATION = 1040001
    INFO_NODE_LABEL_ID = 1070002
    INFO_NODE_LABEL_SAVE = 1070003
    INFO_NODE_LABEL_INPUT_PASSWORD = 1070001
    ERROR_VALIDATION_GENERIC = 4000001
    ERROR_VALIDATION_REQUIRED = 4000002
    ERROR_VALIDATION_INVALID_CREDENTIALS = 4000006
    ERROR_VALIDATION_DUPLICATE_CREDENTIALS = 4000007
    ERROR_VALIDATION_PASSWORD_POLICY_VIOLATION = 4000005
    ERROR_VALIDATION_IDENTIFIER_SIMILAR = 4000031
    ERROR_VALIDATION_PASSWORD_TOO_LONG = 4000033
    ERROR_VALIDATION_PASSWORD_BREACHED = 4000034
    ERROR_VALIDATION_PASSWORD_SAME_AS_OLD = 4000039
    ERROR_VALIDATION_ACCOUNT_NOT_FOUND_OR_DISABLED = 4010011


_TEXTS: dict[MessageId, tuple[str, str]] = {
    MessageId.INFO_SELF_SERVICE_LOGIN_ROOT: ("info", "Please sign in"),
    MessageId.INFO_SELF_SERVICE_LOGIN: ("info", "Sign in"),
    MessageId.INFO_SELF_SERVICE_REGISTRATION: ("info", "Sign up"),
    MessageId.INFO_NODE_LABEL_INPUT_PASSWORD: ("info", "Password"),
    MessageId.INFO_NODE_LABEL_ID: ("info", "ID"),
    MessageId.INFO_NODE_LABEL_SAVE: ("info", "Save"),
    MessageId.ERROR_VALIDATION_GENERIC: ("error", "{reason}"),
    MessageId.ERROR_VALIDATION_REQUIRED: ("error", "Property {property} is missing."),
    MessageId.ERROR_VALIDATION_INVALID_CREDENTIALS: (
        "error",
        "The provided credentials are invalid, check for spelling mistakes in your password "
        "or username, email address, or phone number.",
    ),
    MessageId.ERROR_VALIDATION_DUPLICATE_CREDENTIALS: (
        "error",
        "An account with the same identifier (email, phone, username, ...) exists already.",
    ),
    MessageId.ERROR_VALIDATION_PASSWORD_POLICY_VIOLATION: (
        "error",
        "The password can not be used because {reason}.",
    ),
    MessageId.ERROR_VALIDATION_IDENTIFIER_SIMILAR: (
        "error",
        "The password can not be used because it is too similar to the identifier.",
    ),
    MessageId.ERROR_VALIDATION_PASSWORD_TOO_LONG: (
        "error",
        "The password must be at most {max_length} characters long, but got {actual_length}.",
    ),
    MessageId.ERROR_VALIDATION_PASSWORD_BREACHED: (
        "error",
        "The password has been found in data breaches and must no longer be used.",
    ),
    MessageId.ERROR_VALIDATION_PASSWORD_SAME_AS_OLD: (
        "error",
        "The password can not be used because it is the same as the current password.",
    ),
    MessageId.ERROR_VALIDATION_ACCOUNT_NOT_FOUND_OR_DISABLED: (
        "error",
        "This account does not exist or has not setup sign in with code.",
    ),
}


def ui_text(message_id: MessageId, **context: Any) -> dict[str, Any]:
    """A ``uiText`` object (id, text, type, context) as api.json describes it."""
    kind, template = _TEXTS[message_id]
    return {
        "id": int(message_id),
        "text": template.format(**context) if context else template,
        "type": kind,
        "context": context,
    }
