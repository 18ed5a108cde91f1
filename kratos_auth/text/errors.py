"""Error IDs as Kratos sends them in ``error.id``, and their reasons."""

from __future__ import annotations

from enum import StrEnum


class ErrorId(StrEnum):
    # Generic (herodot) errors, given an id so every body carries one.
    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    GONE = "gone"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    TOO_MANY_REQUESTS = "too_many_requests"
    INTERNAL = "internal_server_error"
    SERVICE_UNAVAILABLE = "service_unavailable"
    # Kratos's own ids.
    SESSION_INACTIVE = "session_inactive"
    SESSION_AAL2_REQUIRED = "session_aal2_required"
    SESSION_ALREADY_AVAILABLE = "session_already_available"
    SESSION_REFRESH_REQUIRED = "session_refresh_required"
    SESSION_AAL1_REQUIRED = "session_aal1_required"
    SESSION_VERIFIED_ADDRESS_REQUIRED = "session_verified_address_required"
    SECURITY_CSRF_VIOLATION = "security_csrf_violation"
    SECURITY_IDENTITY_MISMATCH = "security_identity_mismatch"
    SELF_SERVICE_FLOW_EXPIRED = "self_service_flow_expired"
    SELF_SERVICE_FLOW_RETURN_TO_FORBIDDEN = "self_service_flow_return_to_forbidden"
    SELF_SERVICE_FLOW_DISABLED = "self_service_flow_disabled"
    SELF_SERVICE_FLOW_REPLACED = "self_service_flow_replaced"
    BROWSER_LOCATION_CHANGE_REQUIRED = "browser_location_change_required"
    IDENTITY_DISABLED = "identity_disabled"
    # Ours, beyond Kratos.
    DECRYPTION_FAILED = "decryption_failed"
    HASHER_BUSY = "hasher_busy"


# Kratos's (herodot's) status wording and default messages, by HTTP status.
STATUS_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("Bad Request", "The request was malformed or contained invalid parameters"),
    401: ("Unauthorized", "The request could not be authorized"),
    403: ("Forbidden", "The requested action was forbidden"),
    404: ("Not Found", "The requested resource could not be found"),
    405: ("Method Not Allowed", "The requested method is not allowed on this resource"),
    409: ("Conflict", "The resource could not be created due to a conflict"),
    410: ("Gone", "The requested resource is no longer available"),
    413: ("Request Entity Too Large", "The request body is too large"),
    415: ("Unsupported Media Type", "The request's content type is not supported"),
    422: ("Unprocessable Entity", "The request was well-formed but was unable to be followed"),
    429: ("Too Many Requests", "Too many requests, please slow down"),
    500: (
        "Internal Server Error",
        "An internal server error occurred, please contact the system administrator",
    ),
    503: ("Service Unavailable", "The service is temporarily unavailable"),
}

# The reason of the 400 for a value the database refused (a safety net behind validation).
UNSTORABLE_VALUE = (
    "A value in the request is too long or contains characters the database cannot store."
)
# The reason of the 404 for a path no API route matches.
ROUTE_NOT_FOUND = "No API endpoint exists at this path."

_REASONS: dict[ErrorId, str] = {
    ErrorId.SESSION_INACTIVE: "No active session was found in this request.",
    ErrorId.SESSION_AAL2_REQUIRED: (
        "An active session was found but it does not fulfill the Authenticator Assurance "
        "Level, implying that the session must (e.g.) authenticate the second factor."
    ),
    ErrorId.SESSION_ALREADY_AVAILABLE: (
        "A valid session was detected and thus login is not possible. Did you forget to "
        "set `?refresh=true`?"
    ),
    ErrorId.SESSION_REFRESH_REQUIRED: (
        "The login session is too old and thus not allowed to update these fields. "
        "Please re-authenticate."
    ),
    ErrorId.SECURITY_CSRF_VIOLATION: (
        "Please retry the flow and optionally clear your cookies. The request was rejected to "
        "protect you from Cross-Site-Request-Forgery (CSRF) which could cause account "
        "takeover, leaking personal information, and other serious security issues."
    ),
    ErrorId.SELF_SERVICE_FLOW_EXPIRED: "The self-service flow expired, please retry the flow.",
    ErrorId.SELF_SERVICE_FLOW_RETURN_TO_FORBIDDEN: ("Requested return_to URL is not allowed."),
    ErrorId.IDENTITY_DISABLED: "The account is disabled.",
    ErrorId.DECRYPTION_FAILED: "A stored value could not be decrypted with any configured key.",
    ErrorId.HASHER_BUSY: (
        "Too many password hashing operations are running; please retry in a moment."
    ),
    ErrorId.TOO_MANY_REQUESTS: (
        "Too many attempts. Please wait for the number of seconds given in the Retry-After "
        "header before trying again."
    ),
}


def reason(error_id: ErrorId) -> str:
    """Kratos's wording of the reason for ``error_id`` (empty when it has none)."""
    return _REASONS.get(error_id, "")
