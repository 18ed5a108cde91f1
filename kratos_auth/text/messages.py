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
    INFO_SELF_SERVICE_LOGIN_RE_AUTH = 1010003
    INFO_SELF_SERVICE_LOGIN_MFA = 1010004
    INFO_SELF_SERVICE_REGISTRATION_BACK = 1040008
    INFO_SELF_SERVICE_REGISTRATION_CHOOSE_CREDENTIALS = 1040009
    INFO_NODE_LABEL_GENERATED = 1070002
    INFO_NODE_LABEL_ID = 1070004
    INFO_NODE_LABEL_SAVE = 1070003
    INFO_NODE_LABEL_INPUT_PASSWORD = 1070001
    ERROR_VALIDATION_GENERIC = 4000001
    ERROR_VALIDATION_REQUIRED = 4000002
    # JSON Schema keyword failures on traits (Kratos's ui/container translation).
    ERROR_VALIDATION_MIN_LENGTH = 4000003
    ERROR_VALIDATION_INVALID_FORMAT = 4000004
    ERROR_VALIDATION_MAX_LENGTH = 4000017
    ERROR_VALIDATION_MINIMUM = 4000018
    ERROR_VALIDATION_EXCLUSIVE_MINIMUM = 4000019
    ERROR_VALIDATION_MAXIMUM = 4000020
    ERROR_VALIDATION_EXCLUSIVE_MAXIMUM = 4000021
    ERROR_VALIDATION_MULTIPLE_OF = 4000022
    ERROR_VALIDATION_MAX_ITEMS = 4000023
    ERROR_VALIDATION_MIN_ITEMS = 4000024
    ERROR_VALIDATION_UNIQUE_ITEMS = 4000025
    ERROR_VALIDATION_WRONG_TYPE = 4000026
    ERROR_VALIDATION_CONST = 4000029
    ERROR_VALIDATION_CONST_GENERIC = 4000030
    ERROR_VALIDATION_INVALID_CREDENTIALS = 4000006
    ERROR_VALIDATION_DUPLICATE_CREDENTIALS = 4000007
    ERROR_VALIDATION_PASSWORD_POLICY_VIOLATION = 4000005
    ERROR_VALIDATION_IDENTIFIER_SIMILAR = 4000031
    ERROR_VALIDATION_PASSWORD_TOO_LONG = 4000033
    ERROR_VALIDATION_PASSWORD_BREACHED = 4000034
    ERROR_VALIDATION_PASSWORD_SAME_AS_OLD = 4000039
    ERROR_VALIDATION_IDENTIFIER_MISSING = 4000009
    ERROR_VALIDATION_ADDRESS_NOT_VERIFIED = 4000010
    ERROR_VALIDATION_PASSWORD_MIN_LENGTH = 4000032
    ERROR_VALIDATION_LOGIN_FLOW_EXPIRED = 4010001
    ERROR_VALIDATION_LOGIN_NO_STRATEGY_FOUND = 4010002
    ERROR_VALIDATION_REGISTRATION_NO_STRATEGY_FOUND = 4010003
    ERROR_VALIDATION_LOGIN_RETRY_SUCCESS = 4010007
    ERROR_VALIDATION_IDENTITY_DISABLED = 4010011
    ERROR_VALIDATION_REGISTRATION_RETRY_SUCCESS = 4040002
    ERROR_VALIDATION_REGISTRATION_FLOW_EXPIRED = 4040001


_TEXTS: dict[MessageId, tuple[str, str]] = {
    MessageId.INFO_SELF_SERVICE_LOGIN_ROOT: ("info", "Please sign in"),
    MessageId.INFO_SELF_SERVICE_LOGIN: ("info", "Sign in"),
    MessageId.INFO_SELF_SERVICE_REGISTRATION: ("info", "Sign up"),
    MessageId.INFO_NODE_LABEL_INPUT_PASSWORD: ("info", "Password"),
    MessageId.INFO_SELF_SERVICE_LOGIN_RE_AUTH: (
        "info",
        "Please confirm this action by verifying that it is you.",
    ),
    MessageId.INFO_SELF_SERVICE_LOGIN_MFA: (
        "info",
        "Please complete the second authentication challenge.",
    ),
    MessageId.INFO_SELF_SERVICE_REGISTRATION_BACK: ("info", "Back"),
    MessageId.INFO_SELF_SERVICE_REGISTRATION_CHOOSE_CREDENTIALS: (
        "info",
        "Please choose a credential to authenticate yourself with.",
    ),
    MessageId.INFO_NODE_LABEL_GENERATED: ("info", "{title}"),
    MessageId.INFO_NODE_LABEL_ID: ("info", "ID"),
    MessageId.INFO_NODE_LABEL_SAVE: ("info", "Save"),
    MessageId.ERROR_VALIDATION_GENERIC: ("error", "{reason}"),
    MessageId.ERROR_VALIDATION_REQUIRED: ("error", "Property {property} is missing."),
    MessageId.ERROR_VALIDATION_MIN_LENGTH: (
        "error",
        "length must be >= {min_length}, but got {actual_length}",
    ),
    MessageId.ERROR_VALIDATION_INVALID_FORMAT: ("error", 'does not match pattern "{pattern}"'),
    MessageId.ERROR_VALIDATION_MAX_LENGTH: (
        "error",
        "length must be <= {max_length}, but got {actual_length}",
    ),
    MessageId.ERROR_VALIDATION_MINIMUM: ("error", "must be >= {minimum} but found {actual}"),
    MessageId.ERROR_VALIDATION_EXCLUSIVE_MINIMUM: (
        "error",
        "must be > {minimum} but found {actual}",
    ),
    MessageId.ERROR_VALIDATION_MAXIMUM: ("error", "must be <= {maximum} but found {actual}"),
    MessageId.ERROR_VALIDATION_EXCLUSIVE_MAXIMUM: (
        "error",
        "must be < {maximum} but found {actual}",
    ),
    MessageId.ERROR_VALIDATION_MULTIPLE_OF: ("error", "{actual} not multipleOf {base}"),
    MessageId.ERROR_VALIDATION_MAX_ITEMS: (
        "error",
        "maximum {max_items} items allowed, but found {actual_items} items",
    ),
    MessageId.ERROR_VALIDATION_MIN_ITEMS: (
        "error",
        "minimum {min_items} items allowed, but found {actual_items} items",
    ),
    MessageId.ERROR_VALIDATION_UNIQUE_ITEMS: (
        "error",
        "items at index {index_a} and {index_b} are equal",
    ),
    # Kratos's context holds the list; the text joins it with " or ".
    MessageId.ERROR_VALIDATION_WRONG_TYPE: (
        "error",
        "expected {allowed_types_list}, but got {actual_type}",
    ),
    MessageId.ERROR_VALIDATION_CONST: ("error", "must be equal to constant {expected}"),
    MessageId.ERROR_VALIDATION_CONST_GENERIC: ("error", "const failed"),
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
    MessageId.ERROR_VALIDATION_IDENTIFIER_MISSING: (
        "error",
        "Could not find any login identifiers. Did you forget to set them? This could also "
        "be caused by a server misconfiguration.",
    ),
    MessageId.ERROR_VALIDATION_ADDRESS_NOT_VERIFIED: (
        "error",
        "Account not active yet. Did you forget to verify your email address?",
    ),
    MessageId.ERROR_VALIDATION_PASSWORD_MIN_LENGTH: (
        "error",
        "The password must be at least {min_length} characters long, but got {actual_length}.",
    ),
    MessageId.ERROR_VALIDATION_LOGIN_FLOW_EXPIRED: (
        "error",
        "The login flow expired {minutes} minutes ago, please try again.",
    ),
    MessageId.ERROR_VALIDATION_LOGIN_NO_STRATEGY_FOUND: (
        "error",
        "Could not find a strategy to log you in with. Did you fill out the form correctly?",
    ),
    MessageId.ERROR_VALIDATION_REGISTRATION_NO_STRATEGY_FOUND: (
        "error",
        "Could not find a strategy to sign you up with. Did you fill out the form correctly?",
    ),
    MessageId.ERROR_VALIDATION_LOGIN_RETRY_SUCCESS: (
        "error",
        "The request was already completed successfully and can not be retried.",
    ),
    MessageId.ERROR_VALIDATION_REGISTRATION_RETRY_SUCCESS: (
        "error",
        "The request was already completed successfully and can not be retried.",
    ),
    MessageId.ERROR_VALIDATION_IDENTITY_DISABLED: (
        "error",
        "This account has been disabled. Please contact support for assistance.",
    ),
    MessageId.ERROR_VALIDATION_REGISTRATION_FLOW_EXPIRED: (
        "error",
        "The registration flow expired {minutes} minutes ago, please try again.",
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
