"""Reading courier messages, for ``GET /admin/courier/messages`` and ``.../{id}``.

Lists are paged by the API's keyset paginator in the order :data:`ORDER` (newest first, as
Kratos lists them); the querysets here are unordered and not yet evaluated. Dispatch records
are prefetched (api.json ``message.dispatches``).

:func:`messages_about` finds what the courier holds about one person, for GDPR export and
erasure.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower, Trim

from kratos_auth.courier.models import CourierMessage, MessageDispatch, MessageStatus
from kratos_auth.schema import normalize_address

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


def address_keys(addresses: Iterable[tuple[str, str]]) -> set[str]:
    """``(value, via)`` pairs as compared by :func:`recipient_key`: normalised for their
    channel (as addresses are stored), then lowercased."""
    return {normalize_address(value, via).lower() for value, via in addresses if value}


def recipient_key(field: str) -> Lower:
    """``field`` trimmed and lowercased in the database, to compare with
    :func:`address_keys` (older rows may hold a recipient as it was typed). SQLite lowercases
    ASCII letters only; PostgreSQL all of them."""
    return Lower(Trim(field))


def messages_about(
    identity_id: uuid.UUID, addresses: Iterable[tuple[str, str]]
) -> QuerySet[CourierMessage]:
    """The messages about ``identity_id``: those queued for it, and those without a known
    identity sent to one of its ``(value, via)`` addresses, case-insensitively.

    The second half finds rows older than ``identity_id`` and messages sent before the
    identity existed (sign-up codes). A message recorded as being about another identity is
    never included, even when sent to an address this identity holds now.
    """
    keys = address_keys(addresses)
    about = Q(identity_id=identity_id)
    if keys:
        about |= Q(identity_id__isnull=True, recipient_key__in=keys)
    return CourierMessage.objects.alias(recipient_key=recipient_key("recipient")).filter(about)
