"""Writing and reading the audit trail.

Every entry is also written to the ``kratos_auth.audit`` logger (one line, CR/LF escaped), so
it can be shipped to a log store that the database's administrators cannot rewrite.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import QuerySet

from kratos_auth.audit.models import AuditEntry, AuditSource
from kratos_auth.core import clock
from kratos_auth.core.bulk import insert_rows

logger = logging.getLogger("kratos_auth.audit")

TARGET_IDENTITY = "identity"
TARGET_SESSION = "session"
TARGET_COURIER_MESSAGE = "courier_message"
TARGET_SCHEMA = "identity_schema"


@dataclass(frozen=True)
class AuditEvent:
    """What to record. ``details`` must hold no personal data and no secrets."""

    source: str
    actor: str
    action: str
    target_type: str = ""
    target_id: str = ""
    status: int | None = None
    actor_ip: str | None = None
    request_id: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _one_line(value: object) -> str:
    return str(value).replace("\r", "\\r").replace("\n", "\\n")


def _log(event: AuditEvent) -> None:
    logger.info(
        "audit source=%s actor=%s ip=%s action=%s target=%s:%s status=%s",
        event.source,
        _one_line(event.actor),
        event.actor_ip or "-",
        _one_line(event.action),
        event.target_type or "-",
        _one_line(event.target_id) or "-",
        event.status if event.status is not None else "-",
    )


def _entry(event: AuditEvent, now: dt.datetime) -> AuditEntry:
    return AuditEntry(
        created_at=now,
        source=event.source,
        actor=event.actor[:200],
        actor_ip=event.actor_ip or None,
        action=event.action[:64],
        target_type=event.target_type[:32],
        target_id=str(event.target_id)[:64],
        status=event.status,
        request_id=event.request_id[:64],
        details=event.details,
    )


def record(event: AuditEvent) -> AuditEntry:
    """Store one entry (and log it)."""
    _log(event)
    entry = _entry(event, clock.now())
    entry.save(force_insert=True)
    return entry


def record_many(events: Sequence[AuditEvent]) -> int:
    """Store several entries in one statement (a batch import writes one per identity).

    One log line summarises them (a line per entry would cost more than the import).
    """
    now = clock.now()
    insert_rows([_entry(event, now) for event in events])
    if events:
        first = events[0]
        _log(replace(first, target_id=f"({len(events)} targets)"))
    return len(events)


def entries_for(target_type: str, target_id: str) -> QuerySet[AuditEntry]:
    """Entries about one target, newest first."""
    return AuditEntry.objects.filter(target_type=target_type, target_id=str(target_id))


def delete_for(target_type: str, target_id: str) -> int:
    """Delete the entries about one target (used when a person is erased)."""
    deleted, _ = entries_for(target_type, target_id).delete()
    return deleted


__all__ = [
    "TARGET_COURIER_MESSAGE",
    "TARGET_IDENTITY",
    "TARGET_SCHEMA",
    "TARGET_SESSION",
    "AuditEntry",
    "AuditEvent",
    "AuditSource",
    "delete_for",
    "entries_for",
    "record",
    "record_many",
]
