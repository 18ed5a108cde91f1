"""Reading sessions: the querysets behind the session lists, and single sessions.

Lists are paged by the API's keyset paginator in the order :data:`ORDER` (newest first, as
Kratos lists sessions), so the querysets here are unordered and not yet evaluated.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from kratos_auth.core import clock
from kratos_auth.session.models import Session

ORDER = ("-created_at", "-id")
EXPANDABLE = ("identity", "devices")
_IDENTITY_PREFETCH = ("identity__verifiable_addresses", "identity__recovery_addresses")


def _expanded(queryset: QuerySet[Session], expand: Iterable[str]) -> QuerySet[Session]:
    # The identity is always joined: a session of an inactive identity is not active.
    wanted = set(expand)
    queryset = queryset.select_related("identity")
    if "identity" in wanted:
        queryset = queryset.prefetch_related(*_IDENTITY_PREFETCH)
    if "devices" in wanted:
        queryset = queryset.prefetch_related("devices")
    return queryset


def _active_filter(queryset: QuerySet[Session], active: bool | None) -> QuerySet[Session]:
    """Kratos's ``active`` filter: active means not revoked and not yet expired."""
    if active is None:
        return queryset
    now = clock.now()
    if active:
        return queryset.filter(active=True, expires_at__gte=now)
    return queryset.filter(Q(active=False) | Q(expires_at__lt=now))


def all_sessions(active: bool | None = None, expand: Iterable[str] = ()) -> QuerySet[Session]:
    """Admin: every session."""
    return _active_filter(_expanded(Session.objects.all(), expand), active)


def identity_sessions(identity_id: uuid.UUID, active: bool | None = None) -> QuerySet[Session]:
    """Admin: the sessions of one identity, with identity and devices (as Kratos)."""
    queryset = _expanded(Session.objects.filter(identity_id=identity_id), EXPANDABLE)
    return _active_filter(queryset, active)


def my_other_sessions(current: Session) -> QuerySet[Session]:
    """The other active sessions of the current session's identity, with devices."""
    queryset = Session.objects.filter(identity_id=current.identity_id).exclude(pk=current.pk)
    return _active_filter(_expanded(queryset, ("devices",)), True)


def get_session(session_id: uuid.UUID, expand: Iterable[str] = ()) -> Session | None:
    """One session by id (``None`` if there is none)."""
    return _expanded(Session.objects.filter(pk=session_id), expand).first()
