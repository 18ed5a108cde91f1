"""The admin API's audit trail: one entry per call (who, what, when, target, outcome).

Views name their targets with :func:`note_target`; calls that fail before a view runs (401,
403, unknown routes) are recorded too, with the ids found in the URL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, ResolverMatch, resolve

from kratos_auth.api.admin.auth import ACTOR_ATTRIBUTE, peer_ip
from kratos_auth.audit import service as audit
from kratos_auth.logging import SecurityEvent, event

logger = logging.getLogger("kratos_auth.api.admin")

NOTE_ATTRIBUTE = "kratos_admin_audit"
OPERATION_ATTRIBUTE = "kratos_operation"
RECORDED_ATTRIBUTE = "kratos_audit_recorded"

_ID_KWARGS = ("id", "identity_id", "session_id")
# Fallback target types by URL prefix, for views that do not call note_target.
_PREFIXES = (
    ("/admin/identities/", audit.TARGET_IDENTITY),
    ("/admin/sessions/", audit.TARGET_SESSION),
    ("/admin/courier/messages/", audit.TARGET_COURIER_MESSAGE),
    ("/schemas/", audit.TARGET_SCHEMA),
)


@dataclass
class AuditNote:
    """Targets and non-personal details a view adds to the entry of its call."""

    targets: list[tuple[str, str]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


def _note(request: HttpRequest) -> AuditNote:
    note = getattr(request, NOTE_ATTRIBUTE, None)
    if note is None:
        note = AuditNote()
        setattr(request, NOTE_ATTRIBUTE, note)
    return note


def note_target(request: HttpRequest, target_type: str, target_id: object) -> None:
    """Name a target of this call (several for batch calls)."""
    _note(request).targets.append((target_type, str(target_id)))


def note_details(request: HttpRequest, **details: Any) -> None:
    """Add counts or parameter *names* to the entry (never values: they may be personal)."""
    _note(request).details.update(details)


def _resolver_match(request: HttpRequest) -> ResolverMatch | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        # The call was refused before routing (401/403): resolve only to name its target.
        urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        try:
            match = resolve(request.path_info, urlconf)
        except Resolver404:
            return None
    return match


def _url_target(request: HttpRequest) -> list[tuple[str, str]]:
    match = _resolver_match(request)
    kwargs = match.kwargs if match is not None else {}
    target_id = next((kwargs[k] for k in _ID_KWARGS if kwargs.get(k)), None)
    if not target_id:
        return []
    for prefix, target_type in _PREFIXES:
        if request.path_info.startswith(prefix):
            return [(target_type, str(target_id)[:64])]
    return [("", str(target_id)[:64])]


def _action(request: HttpRequest) -> str:
    operation = getattr(request, OPERATION_ATTRIBUTE, None)
    if operation:
        return operation
    # Views outside this package (plain Django views): the method and the route pattern.
    match = _resolver_match(request)
    route = match.route if match is not None else "(unrouted)"
    return f"{request.method} /{route}"


# The log line names this many targets (a batch import has 1,000; the audit rows hold all).
LOGGED_TARGETS = 10


def record_call(request: HttpRequest, response: HttpResponseBase) -> None:
    """Store the entry (or entries, one per target) for this admin call. Never raises."""
    if getattr(request, RECORDED_ATTRIBUTE, False):
        return
    setattr(request, RECORDED_ATTRIBUTE, True)
    actor = getattr(request, ACTOR_ATTRIBUTE, None)
    note = getattr(request, NOTE_ATTRIBUTE, None) or AuditNote()
    targets = note.targets or _url_target(request) or [("", "")]
    common = {
        "source": audit.AuditSource.ADMIN_API,
        "actor": actor.name if actor is not None else "unauthenticated",
        "actor_ip": peer_ip(request),
        "action": _action(request),
        "status": response.status_code,
        "request_id": str(getattr(request, "kratos_request_id", "") or ""),
        "details": {"method": request.method, **note.details},
    }
    event(
        SecurityEvent.ADMIN_API_ACCESS,
        level=logging.WARNING if response.status_code in (401, 403) else logging.INFO,
        actor=common["actor"],
        ip=common["actor_ip"],
        action=common["action"],
        status=response.status_code,
        targets=[f"{t}:{i}" for t, i in targets[:LOGGED_TARGETS] if i],
        target_count=sum(1 for _, i in targets if i),
    )
    events = [audit.AuditEvent(target_type=t, target_id=i, **common) for t, i in targets]
    try:
        if len(events) == 1:
            audit.record(events[0])
        else:
            audit.record_many(events)
    except DatabaseError:
        logger.exception("could not store the audit entry of an admin call")
