"""Security events: one function, :func:`event`, for every part of the app.

An event is a structured record on the ``kratos_auth.security`` logger (``audience=audit``
in the JSON/text output) and, through the :data:`security_event` signal, a row in the audit
log (``AppConfig.ready()`` connects ``kratos_auth.security_audit``)::

    from kratos_auth.logging import SecurityEvent, event

    event(SecurityEvent.LOGIN_FAILED, identity_id=identity.id, ip=ip, method="password")

Fields are redacted before they are logged or stored: pass ids, names and counts. A field
named like a secret (``password``, ``code``, ``token``…) is replaced whatever its value, and
identifiers and e-mail addresses are masked unless ``log.leak_sensitive_values`` is on.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from enum import StrEnum
from typing import Any

from django.dispatch import Signal

from kratos_auth.logging.records import EVENT_ATTR, FIELDS_ATTR, current_options
from kratos_auth.logging.redaction import redact_fields

logger = logging.getLogger("kratos_auth.security")

# Sent after the log record with ``name`` (a SecurityEvent), ``level`` and ``fields``
# (already redacted). ``kratos_auth.security_audit.record_security_event`` writes the audit row.
security_event = Signal()


class SecurityEvent(StrEnum):
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"
    LOCKOUT = "identity_locked_out"
    RATE_LIMITED = "rate_limited"
    REGISTRATION_SUCCEEDED = "registration_succeeded"
    RECOVERY_REQUESTED = "recovery_requested"
    RECOVERY_USED = "recovery_used"
    VERIFICATION_SUCCEEDED = "verification_succeeded"
    SETTINGS_CHANGED = "settings_changed"
    SESSION_ISSUED = "session_issued"
    SESSION_REVOKED = "session_revoked"
    ADMIN_API_ACCESS = "admin_api_access"
    DECRYPTION_FAILED = "decryption_failed"
    KEY_ROTATED = "key_rotated"
    COURIER_ABANDONED = "courier_message_abandoned"
    WEBAUTHN_CLONE_SUSPECTED = "webauthn_clone_suspected"


# Level of each event when the caller does not pass one.
LEVELS: dict[SecurityEvent, int] = {
    SecurityEvent.LOGIN_FAILED: logging.WARNING,
    SecurityEvent.LOCKOUT: logging.WARNING,
    SecurityEvent.RATE_LIMITED: logging.WARNING,
    SecurityEvent.DECRYPTION_FAILED: logging.ERROR,
    SecurityEvent.COURIER_ABANDONED: logging.WARNING,
    SecurityEvent.WEBAUTHN_CLONE_SUSPECTED: logging.WARNING,
}


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def event(name: SecurityEvent | str, *, level: int | None = None, **fields: Any) -> dict[str, Any]:
    """Log security event ``name`` with ``fields`` and send :data:`security_event`.

    Returns the redacted fields as logged. Receivers must not raise (the audit receiver
    logs its own failures), so the flow that emitted the event is never broken by them.
    """
    name = SecurityEvent(name)
    leak, mask = current_options()
    safe = redact_fields(_plain(fields), leak=leak, mask=mask)
    level = LEVELS.get(name, logging.INFO) if level is None else level
    # The message repeats the fields for plain formatters; ours print them as fields.
    summary = " ".join(f"{key}={value}" for key, value in safe.items() if value is not None)
    logger.log(
        level,
        "%s %s" if summary else "%s",
        *((str(name), summary) if summary else (str(name),)),
        extra={EVENT_ATTR: str(name), FIELDS_ATTR: safe},
    )
    security_event.send(sender=SecurityEvent, name=name, level=level, fields=safe)
    return safe
