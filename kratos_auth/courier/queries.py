"""Reading courier messages, for ``GET /admin/courier/messages`` and ``.../{id}``.

Lists are paged by the API's keyset paginator in the order :data:`ORDER` (newest first, as
Kratos lists them); the querysets here are unordered and not yet evaluated. Dispatch records
are prefetched (api.json ``message.dispatches``).
"""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, QuerySet

from kratos_auth.courier.models import CourierMessage, MessageDispatch, MessageStatus

ORDER = ("-created_at", "-id")
STATUSES = tuple(MessageStatus.values)
MAX_RECIPIENT_LENGTH = 400


def _with_dispatches(queryset: QuerySet[CourierMessage]) -> QuerySet[CourierMessage]:
    return queryset.prefetch_related(
        Prefetch("dispatches", queryset=MessageDispatch.objects.order_by("created_at", "id"))
    )


def list_messages(
    status: str | None = None, recipient: str | None = None
) -> QuerySet[CourierMessage]:
    """Every message, optionally only those with ``status`` / sent to ``recipient``.

    The API layer validates ``status`` against :data:`STATUSES` (400 otherwise).
    """
    queryset = CourierMessage.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if recipient:
        queryset = queryset.filter(recipient=recipient[:MAX_RECIPIENT_LENGTH])
    return _with_dispatches(queryset)


def get_message(message_id: uuid.UUID | str) -> CourierMessage | None:
    """One message with its dispatches, or ``None`` (also for an unparsable id)."""
    try:
        parsed = message_id if isinstance(message_id, uuid.UUID) else uuid.UUID(str(message_id))
    except ValueError:
        return None
    return _with_dispatches(CourierMessage.objects.filter(pk=parsed)).first()
