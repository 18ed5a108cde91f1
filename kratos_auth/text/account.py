"""Kratos's wording for the settings, recovery and verification flows and the code method,
and builders for their messages with a context."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kratos_auth.text.messages import MessageId, ui_text

SETTINGS_FLOW_GONE_REASON = (
    "The settings flow has expired. Redirect the user to the settings flow init endpoint to "
    "initialize a new settings flow."
)
RECOVERY_FLOW_GONE_REASON = (
    "The recovery flow has expired. Redirect the user to the recovery flow init endpoint to "
    "initialize a new recovery flow."
)
VERIFICATION_FLOW_GONE_REASON = (
    "The verification flow has expired. Redirect the user to the verification flow init "
    "endpoint to initialize a new verification flow."
)
IDENTITY_MISMATCH_REASON = (
    "The request was made for another identity and has been blocked for security reasons."
)
RECOVERY_DISABLED_MESSAGE = "recovery flow disabled"
RECOVERY_DISABLED_REASON = "Recovery is not allowed because it was disabled."
VERIFICATION_DISABLED_MESSAGE = "verification flow disabled"
VERIFICATION_DISABLED_REASON = "Verification is not allowed because it was disabled."
STRATEGY_DISABLED_REASON = "The {flow} strategy {method!r} is not enabled."
RECOVERY_ALREADY_LOGGED_IN_REASON = (
    "A valid session was detected and thus recovery is not possible."
)
RECOVERY_LINK_NOT_ENABLED_REASON = (
    "The link method is not enabled: recovery links cannot be created."
)
RECOVERY_CODE_NOT_ENABLED_REASON = (
    "The code method is not enabled: recovery codes cannot be created."
)
IDENTITY_NOT_ACTIVE_REASON = "The identity is not active and cannot be recovered."
EXPIRES_IN_INVALID_REASON = "expires_in must be a positive duration such as 15m or 1h."
FLOW_TYPE_INVALID_REASON = 'flow_type must be "api" or "browser".'
TOKEN_MISSING_REASON = "The link is missing its token, please retry the flow."


def recovery_successful(privileged_until: dt.datetime, now: dt.datetime) -> dict[str, Any]:
    """1060001 with how long the privileged session lasts (Kratos's context keys)."""
    minutes = max((privileged_until - now).total_seconds(), 0.0) / 60
    message = ui_text(MessageId.INFO_SELF_SERVICE_RECOVERY_SUCCESSFUL, minutes=f"{minutes:.2f}")
    stamp = privileged_until.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    message["context"] = {
        "privilegedSessionExpiresAt": stamp,
        "privileged_session_expires_at": stamp,
        "privileged_session_expires_at_unix": int(privileged_until.timestamp()),
    }
    return message


def code_address(address: str, channel: str) -> dict[str, Any]:
    """1010023 "Send code to {address}" with its channel."""
    message = ui_text(MessageId.INFO_SELF_SERVICE_LOGIN_AAL2_CODE_ADDRESS, address=address)
    message["context"] = {"address": address, "channel": channel}
    return message
