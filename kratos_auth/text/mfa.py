"""Reasons the second-factor strategies put in generic (4000001) messages and errors."""

from __future__ import annotations

WEBAUTHN_UNPARSABLE = "Unable to parse WebAuthn response."
WEBAUTHN_REGISTRATION_FAILED = "Unable to create WebAuthn credential."
WEBAUTHN_NO_CHALLENGE = "The WebAuthn challenge is missing or expired; please try again."
WEBAUTHN_NOT_FOUND = "You tried to remove a WebAuthn credential which does not exist."
WEBAUTHN_LAST_FACTOR = (
    "You can not remove this credential because it is the last one you can sign in with."
)
LOOKUP_REVEAL_NONE = "Can not reveal lookup codes because you have none."
LOOKUP_CONFIRM_FIRST = "You must (re-)generate recovery backup codes before you can save them."
TOTP_NO_PENDING_KEY = "The TOTP key of this flow is missing; please reload the settings."
RP_NOT_CONFIGURED = "WebAuthn is enabled but its relying party is not configured."
