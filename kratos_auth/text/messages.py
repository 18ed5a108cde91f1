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

    # Second factors: TOTP, lookup secrets, WebAuthn and passkeys.
    INFO_LOGIN_TOTP_LABEL = 1010006
    INFO_LOGIN_LOOKUP_LABEL = 1010007
    INFO_SELF_SERVICE_LOGIN_WEBAUTHN = 1010008
    INFO_LOGIN_TOTP = 1010009
    INFO_LOGIN_LOOKUP = 1010010
    INFO_SELF_SERVICE_LOGIN_CONTINUE_WEBAUTHN = 1010011
    INFO_LOGIN_WEBAUTHN_PASSWORDLESS = 1010012
    INFO_SELF_SERVICE_LOGIN_CONTINUE = 1010013
    INFO_SELF_SERVICE_LOGIN_PASSKEY = 1010021
    INFO_SELF_SERVICE_REGISTRATION_REGISTER_WEBAUTHN = 1040004
    INFO_SELF_SERVICE_REGISTRATION_REGISTER_PASSKEY = 1040007
    INFO_SETTINGS_UNLINK_TOTP = 1050004
    INFO_SETTINGS_TOTP_QR_CODE = 1050005
    INFO_SETTINGS_TOTP_SECRET = 1050006
    INFO_SETTINGS_REVEAL_LOOKUP = 1050007
    INFO_SETTINGS_REGENERATE_LOOKUP = 1050008
    INFO_SETTINGS_LOOKUP_SECRET = 1050009
    INFO_SETTINGS_LOOKUP_SECRET_LABEL = 1050010
    INFO_SETTINGS_LOOKUP_CONFIRM = 1050011
    INFO_SETTINGS_REGISTER_WEBAUTHN = 1050012
    INFO_SETTINGS_REGISTER_WEBAUTHN_DISPLAY_NAME = 1050013
    INFO_SETTINGS_LOOKUP_SECRET_USED = 1050014
    INFO_SETTINGS_LOOKUP_SECRET_LIST = 1050015
    INFO_SETTINGS_DISABLE_LOOKUP = 1050016
    INFO_SETTINGS_TOTP_SECRET_LABEL = 1050017
    INFO_SETTINGS_REMOVE_WEBAUTHN = 1050018
    INFO_SETTINGS_REGISTER_PASSKEY = 1050019
    INFO_SETTINGS_REMOVE_PASSKEY = 1050020
    INFO_NODE_LABEL_VERIFY_OTP = 1070006
    ERROR_VALIDATION_TOTP_VERIFIER_WRONG = 4000008
    ERROR_VALIDATION_NO_TOTP_DEVICE = 4000011
    ERROR_VALIDATION_LOOKUP_ALREADY_USED = 4000012
    ERROR_VALIDATION_NO_WEBAUTHN_DEVICE = 4000013
    ERROR_VALIDATION_NO_LOOKUP = 4000014
    ERROR_VALIDATION_SUCH_NO_WEBAUTHN_USER = 4000015
    ERROR_VALIDATION_LOOKUP_INVALID = 4000016

    # Settings, recovery, verification and the one-time code method.
    INFO_SELF_SERVICE_LOGIN_CODE_SENT = 1010014
    INFO_SELF_SERVICE_LOGIN_CODE = 1010015
    INFO_SELF_SERVICE_LOGIN_CODE_MFA = 1010019
    INFO_SELF_SERVICE_LOGIN_AAL2_CODE_ADDRESS = 1010023
    INFO_SELF_SERVICE_REGISTRATION_CODE_SENT = 1040005
    INFO_SELF_SERVICE_REGISTRATION_REGISTER_CODE = 1040006
    INFO_SELF_SERVICE_SETTINGS_UPDATE_SUCCESS = 1050001
    INFO_SELF_SERVICE_RECOVERY_SUCCESSFUL = 1060001
    INFO_SELF_SERVICE_RECOVERY_EMAIL_SENT = 1060002
    INFO_SELF_SERVICE_RECOVERY_EMAIL_WITH_CODE_SENT = 1060003
    INFO_NODE_LABEL_SUBMIT = 1070005
    INFO_NODE_LABEL_EMAIL = 1070007
    INFO_NODE_LABEL_RESEND_OTP = 1070008
    INFO_NODE_LABEL_CONTINUE = 1070009
    INFO_NODE_LABEL_RECOVERY_CODE = 1070010
    INFO_NODE_LABEL_VERIFICATION_CODE = 1070011
    INFO_NODE_LABEL_REGISTRATION_CODE = 1070012
    INFO_NODE_LABEL_LOGIN_CODE = 1070013
    INFO_SELF_SERVICE_VERIFICATION_EMAIL_SENT = 1080001
    INFO_SELF_SERVICE_VERIFICATION_SUCCESSFUL = 1080002
    INFO_SELF_SERVICE_VERIFICATION_EMAIL_WITH_CODE_SENT = 1080003
    ERROR_VALIDATION_TRAITS_MISMATCH = 4000036
    ERROR_VALIDATION_SETTINGS_NO_STRATEGY_FOUND = 4010004
    ERROR_VALIDATION_RECOVERY_NO_STRATEGY_FOUND = 4010005
    ERROR_VALIDATION_VERIFICATION_NO_STRATEGY_FOUND = 4010006
    ERROR_VALIDATION_LOGIN_CODE_INVALID = 4010008
    ERROR_VALIDATION_LOGIN_ADDRESS_UNKNOWN = 4010010
    ERROR_VALIDATION_REGISTRATION_CODE_INVALID = 4040003
    ERROR_VALIDATION_SETTINGS_FLOW_EXPIRED = 4050001
    ERROR_VALIDATION_RECOVERY_RETRY_SUCCESS = 4060001
    ERROR_VALIDATION_RECOVERY_TOKEN_INVALID = 4060004
    ERROR_VALIDATION_RECOVERY_FLOW_EXPIRED = 4060005
    ERROR_VALIDATION_RECOVERY_CODE_INVALID = 4060006
    ERROR_VALIDATION_VERIFICATION_TOKEN_INVALID = 4070001
    ERROR_VALIDATION_VERIFICATION_RETRY_SUCCESS = 4070002
    ERROR_VALIDATION_VERIFICATION_FLOW_EXPIRED = 4070005
    ERROR_VALIDATION_VERIFICATION_CODE_INVALID = 4070006


_SENT_TAIL = (
    " If you have not received an email, check the spelling of the address and make sure to "
    "use the address you registered with."
)


_TEXTS: dict[MessageId, tuple[str, str]] = {
    MessageId.INFO_LOGIN_TOTP_LABEL: ("info", "Authentication code"),
    MessageId.INFO_LOGIN_LOOKUP_LABEL: ("info", "Backup recovery code"),
    MessageId.INFO_SELF_SERVICE_LOGIN_WEBAUTHN: ("info", "Use security key"),
    MessageId.INFO_LOGIN_TOTP: ("info", "Use Authenticator"),
    MessageId.INFO_LOGIN_LOOKUP: ("info", "Use backup recovery code"),
    MessageId.INFO_SELF_SERVICE_LOGIN_CONTINUE_WEBAUTHN: ("info", "Continue with security key"),
    MessageId.INFO_LOGIN_WEBAUTHN_PASSWORDLESS: (
        "info",
        "Prepare your WebAuthn device (e.g. security key, biometrics scanner, ...) and press "
        "continue.",
    ),
    MessageId.INFO_SELF_SERVICE_LOGIN_CONTINUE: ("info", "Continue"),
    MessageId.INFO_SELF_SERVICE_LOGIN_PASSKEY: ("info", "Sign in with passkey"),
    MessageId.INFO_SELF_SERVICE_REGISTRATION_REGISTER_WEBAUTHN: (
        "info",
        "Sign up with security key",
    ),
    MessageId.INFO_SELF_SERVICE_REGISTRATION_REGISTER_PASSKEY: ("info", "Sign up with passkey"),
    MessageId.INFO_SETTINGS_UNLINK_TOTP: ("info", "Unlink TOTP Authenticator App"),
    MessageId.INFO_SETTINGS_TOTP_QR_CODE: ("info", "Authenticator app QR code"),
    MessageId.INFO_SETTINGS_TOTP_SECRET: ("info", "{secret}"),
    MessageId.INFO_SETTINGS_REVEAL_LOOKUP: ("info", "Reveal backup recovery codes"),
    MessageId.INFO_SETTINGS_REGENERATE_LOOKUP: ("info", "Generate new backup recovery codes"),
    MessageId.INFO_SETTINGS_LOOKUP_SECRET: ("info", "{secret}"),
    MessageId.INFO_SETTINGS_LOOKUP_SECRET_LABEL: (
        "info",
        "These are your back up recovery codes. Please keep them in a safe place!",
    ),
    MessageId.INFO_SETTINGS_LOOKUP_CONFIRM: ("info", "Confirm backup recovery codes"),
    MessageId.INFO_SETTINGS_REGISTER_WEBAUTHN: ("info", "Add security key"),
    MessageId.INFO_SETTINGS_REGISTER_WEBAUTHN_DISPLAY_NAME: ("info", "Name of the security key"),
    MessageId.INFO_SETTINGS_LOOKUP_SECRET_USED: ("info", "Secret was used at {used_at}"),
    MessageId.INFO_SETTINGS_LOOKUP_SECRET_LIST: ("info", "{text}"),
    MessageId.INFO_SETTINGS_DISABLE_LOOKUP: ("info", "Disable this method"),
    MessageId.INFO_SETTINGS_TOTP_SECRET_LABEL: (
        "info",
        "This is your authenticator app secret. Use it if you can not scan the QR code.",
    ),
    MessageId.INFO_SETTINGS_REMOVE_WEBAUTHN: ("info", 'Remove security key "{display_name}"'),
    MessageId.INFO_SETTINGS_REGISTER_PASSKEY: ("info", "Add passkey"),
    MessageId.INFO_SETTINGS_REMOVE_PASSKEY: ("info", 'Remove passkey "{display_name}"'),
    MessageId.INFO_NODE_LABEL_VERIFY_OTP: ("info", "Verify code"),
    MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG: (
        "error",
        "The provided authentication code is invalid, please try again.",
    ),
    MessageId.ERROR_VALIDATION_NO_TOTP_DEVICE: ("error", "You have no TOTP device set up."),
    MessageId.ERROR_VALIDATION_LOOKUP_ALREADY_USED: (
        "error",
        "This backup recovery code has already been used.",
    ),
    MessageId.ERROR_VALIDATION_NO_WEBAUTHN_DEVICE: (
        "error",
        "You have no WebAuthn device set up.",
    ),
    MessageId.ERROR_VALIDATION_NO_LOOKUP: ("error", "You have no backup recovery codes set up."),
    MessageId.ERROR_VALIDATION_SUCH_NO_WEBAUTHN_USER: (
        "error",
        "This account does not exist or has no security key set up.",
    ),
    MessageId.ERROR_VALIDATION_LOOKUP_INVALID: ("error", "The backup recovery code is not valid."),
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
    # Settings, recovery, verification and the one-time code method.
    MessageId.INFO_SELF_SERVICE_LOGIN_CODE_SENT: (
        "info",
        "A code has been sent to the address you provided. If you have not received an "
        "message, check the spelling of the address and retry the login.",
    ),
    MessageId.INFO_SELF_SERVICE_LOGIN_CODE: ("info", "Send sign in code"),
    MessageId.INFO_SELF_SERVICE_LOGIN_CODE_MFA: ("info", "Request code to continue"),
    MessageId.INFO_SELF_SERVICE_LOGIN_AAL2_CODE_ADDRESS: ("info", "Send code to {address}"),
    MessageId.INFO_SELF_SERVICE_REGISTRATION_CODE_SENT: (
        "info",
        "A code has been sent to the address(es) you provided. If you have not received a "
        "message, check the spelling of the address and retry the registration.",
    ),
    MessageId.INFO_SELF_SERVICE_REGISTRATION_REGISTER_CODE: ("info", "Send sign up code"),
    MessageId.INFO_SELF_SERVICE_SETTINGS_UPDATE_SUCCESS: (
        "success",
        "Your changes have been saved!",
    ),
    MessageId.INFO_SELF_SERVICE_RECOVERY_SUCCESSFUL: (
        "success",
        "You successfully recovered your account. Please change your password or set up an "
        "alternative login method (e.g. social sign in) within the next {minutes} minutes.",
    ),
    MessageId.INFO_SELF_SERVICE_RECOVERY_EMAIL_SENT: (
        "info",
        "An email containing a recovery link has been sent to the email address you provided."
        + _SENT_TAIL,
    ),
    MessageId.INFO_SELF_SERVICE_RECOVERY_EMAIL_WITH_CODE_SENT: (
        "info",
        "An email containing a recovery code has been sent to the email address you provided."
        + _SENT_TAIL,
    ),
    MessageId.INFO_NODE_LABEL_SUBMIT: ("info", "Submit"),
    MessageId.INFO_NODE_LABEL_EMAIL: ("info", "Email"),
    MessageId.INFO_NODE_LABEL_RESEND_OTP: ("info", "Resend code"),
    MessageId.INFO_NODE_LABEL_CONTINUE: ("info", "Continue"),
    MessageId.INFO_NODE_LABEL_RECOVERY_CODE: ("info", "Recovery code"),
    MessageId.INFO_NODE_LABEL_VERIFICATION_CODE: ("info", "Verification code"),
    MessageId.INFO_NODE_LABEL_REGISTRATION_CODE: ("info", "Registration code"),
    MessageId.INFO_NODE_LABEL_LOGIN_CODE: ("info", "Login code"),
    MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_SENT: (
        "info",
        "An email containing a verification link has been sent to the email address you "
        "provided." + _SENT_TAIL,
    ),
    MessageId.INFO_SELF_SERVICE_VERIFICATION_SUCCESSFUL: (
        "success",
        "You successfully verified your email address.",
    ),
    MessageId.INFO_SELF_SERVICE_VERIFICATION_EMAIL_WITH_CODE_SENT: (
        "info",
        "An email containing a verification code has been sent to the email address you "
        "provided." + _SENT_TAIL,
    ),
    MessageId.ERROR_VALIDATION_TRAITS_MISMATCH: (
        "error",
        "The provided traits do not match the traits previously associated with this flow.",
    ),
    MessageId.ERROR_VALIDATION_SETTINGS_NO_STRATEGY_FOUND: (
        "error",
        "Could not find a strategy to update your settings. Did you fill out the form correctly?",
    ),
    MessageId.ERROR_VALIDATION_RECOVERY_NO_STRATEGY_FOUND: (
        "error",
        "Could not find a strategy to recover your account with. Did you fill out the form "
        "correctly?",
    ),
    MessageId.ERROR_VALIDATION_VERIFICATION_NO_STRATEGY_FOUND: (
        "error",
        "Could not find a strategy to verify your account with. Did you fill out the form "
        "correctly?",
    ),
    MessageId.ERROR_VALIDATION_LOGIN_CODE_INVALID: (
        "error",
        "The login code is invalid or has already been used. Please try again.",
    ),
    MessageId.ERROR_VALIDATION_LOGIN_ADDRESS_UNKNOWN: (
        "error",
        "The address you entered does not match any known addresses in the current account.",
    ),
    MessageId.ERROR_VALIDATION_REGISTRATION_CODE_INVALID: (
        "error",
        "The registration code is invalid or has already been used. Please try again.",
    ),
    MessageId.ERROR_VALIDATION_SETTINGS_FLOW_EXPIRED: (
        "error",
        "The settings flow expired {minutes} minutes ago, please try again.",
    ),
    MessageId.ERROR_VALIDATION_RECOVERY_RETRY_SUCCESS: (
        "error",
        "The request was already completed successfully and can not be retried.",
    ),
    MessageId.ERROR_VALIDATION_RECOVERY_TOKEN_INVALID: (
        "error",
        "The recovery token is invalid or has already been used. Please retry the flow.",
    ),
    MessageId.ERROR_VALIDATION_RECOVERY_FLOW_EXPIRED: (
        "error",
        "The recovery flow expired {minutes} minutes ago, please try again.",
    ),
    MessageId.ERROR_VALIDATION_RECOVERY_CODE_INVALID: (
        "error",
        "The recovery code is invalid or has already been used. Please try again.",
    ),
    MessageId.ERROR_VALIDATION_VERIFICATION_TOKEN_INVALID: (
        "error",
        "The verification token is invalid or has already been used. Please retry the flow.",
    ),
    MessageId.ERROR_VALIDATION_VERIFICATION_RETRY_SUCCESS: (
        "error",
        "The request was already completed successfully and can not be retried.",
    ),
    MessageId.ERROR_VALIDATION_VERIFICATION_FLOW_EXPIRED: (
        "error",
        "The verification flow expired {minutes} minutes ago, please try again.",
    ),
    MessageId.ERROR_VALIDATION_VERIFICATION_CODE_INVALID: (
        "error",
        "The verification code is invalid or has already been used. Please try again.",
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
