"""Django glue: every security event also becomes a row in the audit log.

``AppConfig.ready()`` connects :func:`record_security_event` to
``kratos_auth.logging.security_event``. Rows use ``source="security"``; the actor is the
identity the event is about (``identity:<id>``) or ``anonymous``. Admin API calls are
audited by the admin API itself, so their event is only logged here.

A row written inside a transaction that is later rolled back disappears with it; the log
record of the event is written regardless.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from kratos_auth.audit.service import TARGET_IDENTITY, AuditEvent, AuditSource, record
from kratos_auth.logging import SecurityEvent

NOT_RECORDED = frozenset({SecurityEvent.ADMIN_API_ACCESS})
logger = logging.getLogger("kratos_auth.audit")


def audit_event(name: SecurityEvent, fields: dict[str, Any]) -> AuditEvent:
    """The audit entry for a security event (``fields`` are already redacted)."""
    details = {k: v for k, v in fields.items() if k not in ("identity_id", "ip")}
    identity_id = fields.get("identity_id")
    return AuditEvent(
        source=AuditSource.SECURITY,
        actor=f"identity:{identity_id}" if identity_id else "anonymous",
        action=str(name),
        target_type=TARGET_IDENTITY if identity_id else "",
        target_id=str(identity_id or ""),
        actor_ip=fields.get("ip") or None,
        details=details,
    )


def record_security_event(
    sender: Any, name: SecurityEvent, fields: dict[str, Any], **kwargs: Any
) -> None:
    """Write the audit row; a failure is logged (never raised into the emitting flow)."""
    if name in NOT_RECORDED:
        return
    try:
        # A savepoint: a failed insert must not abort the caller's transaction (PostgreSQL).
        with transaction.atomic():
            record(audit_event(name, fields))
    except Exception as err:  # noqa: BLE001 - the audit trail must not break a login
        logger.error(
            "security event %s not written to the audit log (%s)", name, type(err).__name__
        )
