"""Kratos's wording of the errors the self-service flows answer with, and message builders.

``*_MESSAGE`` is herodot's ``error`` field (rendered as ``error.message``), ``*_REASON`` is
``error.reason``. Texts follow Kratos's ``selfservice/flow`` packages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kratos_auth.text.messages import MessageId, ui_text

ALREADY_LOGGED_IN_MESSAGE = "you are already logged in"
LOGIN_ALREADY_LOGGED_IN_REASON = (
    "A valid session was detected and thus login is not possible. Did you forget to set "
    "`?refresh=true`?"
)
REGISTRATION_ALREADY_LOGGED_IN_REASON = (
    "A valid session was detected and thus registration is not possible."
)
AAL1_REQUIRED_MESSAGE = "aal2 and aal3 can only be requested if a session exists already"
AAL1_REQUIRED_REASON = "You can not requested a higher AAL (AAL2/AAL3) without an active session."
BAD_AAL_REASON = (
    "Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of "
    "[aal1, aal2] but got {value}"
)
REGISTRATION_DISABLED_MESSAGE = "registration flow disabled"
REGISTRATION_DISABLED_REASON = "Registration is not allowed because it was disabled."

CSRF_MESSAGE = "the request was rejected to protect you from Cross-Site-Request-Forgery"

FLOW_EXPIRED_MESSAGE = "self-service flow expired"
FLOW_EXPIRED_REASON = (
    "The self-service flow expired {minutes:.2f} minutes ago, initialize a new one."
)
FLOW_GONE_MESSAGE = (
    "The requested resource is no longer available because it has expired or is otherwise invalid."
)
LOGIN_FLOW_GONE_REASON = (
    "The login flow has expired. Redirect the user to the login flow init endpoint to "
    "initialize a new login flow."
)
REGISTRATION_FLOW_GONE_REASON = (
    "The registration flow has expired. Redirect the user to the registration flow init "
    "endpoint to initialize a new registration flow."
)
FLOW_NOT_FOUND_REASON = "The flow could not be found."
FLOW_ID_MISSING_REASON = "The flow query parameter is missing or malformed."
FLOW_ID_INVALID_MESSAGE = "could not parse UUID"
FLOW_ID_INVALID_REASON = "The flow ID is not a valid UUID."

RETURN_TO_REASON = 'Requested return_to URL "{url}" is not allowed.'

ORIGIN_HEADER_REASON = (
    'The HTTP Request Header included the "Origin" key, indicating that this request was '
    "made as part of an AJAX request in a Browser. The flow however was initiated as an API "
    "request. To prevent potential misuse and mitigate several attack vectors including "
    "CSRF, the request has been blocked. Please consult the documentation."
)
COOKIE_HEADER_REASON = (
    'The HTTP Request Header included the "Cookie" key, indicating that this request was '
    "made by a Browser. The flow however was initiated as an API request. To prevent "
    "potential misuse and mitigate several attack vectors including CSRF, the request has "
    "been blocked. Please consult the documentation."
)

BROWSER_LOCATION_MESSAGE = "browser location change required"
BROWSER_LOCATION_REASON = "In order to complete this flow please redirect the browser to: {url}"

BAD_BODY_REASON = "Unable to decode the request body: {problem}"
BODY_TOO_LARGE_REASON = "The request body is larger than {limit} bytes."
UNSUPPORTED_MEDIA_REASON = (
    "The request body must be application/json or application/x-www-form-urlencoded."
)
METHOD_DISABLED_REASON = "The method {method!r} is disabled."

ERROR_NOT_FOUND_REASON = "The error could not be found."
ERROR_ID_MISSING_REASON = "The error id query parameter is missing or malformed."

HOOK_FAILED_REASON = "A hook of this flow failed ({hook}); nothing was saved, please try again."
WEBHOOK_FAILED_MESSAGE = "web hook failed"
WEBHOOK_FAILED_REASON = "The web hook {hook} failed: {problem}."

CODE_SUBMITTED_TOO_OFTEN_REASON = (
    "The request was submitted too often. Please request another code."
)
PASSWORD_TOO_SIMILAR = "the password is too similar to the user identifier"
PASSWORD_BREACH_CHECK_FAILED = (
    "unable to check if password has been leaked because an unexpected network error occurred"
)


def flow_expired(
    message_id: MessageId, expired_at: dt.datetime, now: dt.datetime
) -> dict[str, Any]:
    """Kratos's ``NewErrorValidation<Flow>FlowExpired`` message (text says minutes ago)."""
    minutes = max((now - expired_at).total_seconds(), 0.0) / 60
    message = ui_text(message_id, minutes=f"{minutes:.2f}")
    message["context"] = {
        "expired_at": expired_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "expired_at_unix": int(expired_at.timestamp()),
    }
    return message


def node_label(title: str, name: str) -> dict[str, Any]:
    """Kratos's ``NewInfoNodeLabelGenerated``: a label taken from a schema title."""
    return ui_text(MessageId.INFO_NODE_LABEL_GENERATED, title=title, name=name)
