"""Kratos's wording of the errors sessions, whoami and logout answer with.

``message`` is herodot's ``error`` field (rendered as ``error.message``), ``reason`` is
``error.reason``. Texts follow Kratos; where Kratos has none we say what happened plainly.
"""

from __future__ import annotations

NO_ACTIVE_SESSION_MESSAGE = "request does not have a valid authentication session"
NO_ACTIVE_SESSION_REASON = "No active session was found in this request."

AAL_NOT_SATISFIED_MESSAGE = "Session does not fulfill the requested Authenticator Assurance Level"
AAL_NOT_SATISFIED_REASON = (
    "An active session was found but it does not fulfill the requested Authenticator "
    "Assurance Level. Please verify yourself with a second factor to resolve this issue."
)

ADDRESS_NOT_VERIFIED_MESSAGE = "your email or phone address is not yet verified"
ADDRESS_NOT_VERIFIED_REASON = (
    "Your account's email or phone address are not verified yet. Please check your email "
    "or phone inbox or re-request verification."
)

INVALID_UUID_MESSAGE = "could not parse UUID"
CURRENT_SESSION_MESSAGE = "cannot revoke current session"
CURRENT_SESSION_REASON = "Use the logout flow to end the current session."
SESSION_NOT_FOUND_REASON = "Unable to locate the resource"
IDENTITY_SESSIONS_NOT_FOUND_REASON = "The identity has no sessions."
BAD_ACTIVE_PARAMETER = "could not parse parameter active"
BAD_EXPAND_PARAMETER = "Could not parse expand option: {value}"

LOGOUT_TOKEN_MISSING_REASON = "Please include a token in the URL query."
LOGOUT_TOKEN_MISMATCH_REASON = (
    "Unable to log out because the logout token in the URL query does not match the session cookie."
)
NATIVE_LOGOUT_TOKEN_UNKNOWN_REASON = (
    "The provided Ory Session Token could not be found, is invalid, or otherwise malformed."
)
NATIVE_LOGOUT_BAD_BODY_REASON = (
    "The request body must be a JSON object with a string property session_token."
)
TOKENIZER_TEMPLATE_NOT_FOUND_REASON = 'Unable to find tokenizer template "{template}".'

# POST /admin/sessions (manageSessions): Kratos's reasons.
MANAGE_INVALID_JSON_REASON = "Invalid JSON body."
MANAGE_BAD_ACTION_REASON = "The 'action' field must be one of 'disable' or 'delete'."
MANAGE_ONE_SCOPE_REASON = "Exactly one of 'identities' or 'sessions' must be a non-empty array."
MANAGE_WILDCARD_MIXED_REASON = (
    "The wildcard '*' must be the only entry of 'identities'; it cannot be mixed with IDs."
)
MANAGE_WILDCARD_IN_SESSIONS_REASON = (
    "The wildcard '*' is not accepted in 'sessions'; pass 'identities': ['*'] to operate on "
    "every session in the network."
)
MANAGE_TOO_MANY_IDS_REASON = "at most {limit} IDs may be provided per call"
MANAGE_BAD_UUID_REASON = "Could not parse '{field}' field: could not parse \"{value}\" as UUID"
