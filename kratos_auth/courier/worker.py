"""The dispatch worker: claim due messages, send them, record every attempt.

A batch claims up to ``courier.worker.pull_count`` due messages with a conditional update
(``queued`` -> ``processing``), so two workers never send the same message. A claim lapses
after :data:`CLAIM_LEASE`; a worker that died mid-batch thus delays its messages, it does
not lose them. Each attempt increments ``send_count`` and leaves a dispatch record:

* success -> ``sent``;
* failure -> back to ``queued``, due again after ``courier.worker.retry_delay`` doubled per
  failed attempt (at most ``courier.worker.max_retry_delay``);
* a failure once ``send_count`` exceeds ``courier.message_retries`` -> ``abandoned`` (and a
  ``courier_message_abandoned`` security event). Nothing is ever dropped silently.

:func:`watch` repeats batches, resting ``courier.worker.pull_wait`` when the queue is empty,
until its stop event is set.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, close_old_connections, connections, transaction

from kratos_auth import registry
from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.courier.channels.base import Channel, DeliveryError
from kratos_auth.courier.models import (
    CourierMessage,
    DispatchStatus,
    MessageDispatch,
    MessageStatus,
)
from kratos_auth.logging import SecurityEvent, event

logger = logging.getLogger("kratos_auth.courier")
CLAIM_LEASE = dt.timedelta(minutes=5)
SMS_CHANNEL = "sms"


@dataclass(frozen=True)
class WorkerSettings:
    pull_count: int
    pull_wait: dt.timedelta
    message_retries: int
    retry_delay: dt.timedelta
    max_retry_delay: dt.timedelta

    @classmethod
    def from_config(cls) -> WorkerSettings:
        courier = config.courier
        return cls(
            pull_count=max(int(courier.worker.pull_count or 10), 1),
            pull_wait=courier.worker.pull_wait,
            message_retries=max(int(courier.message_retries), 0),
            retry_delay=courier.worker.retry_delay,
            max_retry_delay=courier.worker.max_retry_delay,
        )

    def backoff(self, failures: int) -> dt.timedelta:
        """The wait after the ``failures``-th failed attempt (doubling, capped)."""
        factor = 2 ** min(max(failures - 1, 0), 30)
        return min(self.retry_delay * factor, self.max_retry_delay)


@dataclass(frozen=True)
class BatchResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    abandoned: int = 0


def channel_for(message: CourierMessage) -> Channel:
    """A fresh channel for ``message``: ``sms`` by its channel, email by delivery strategy."""
    name = SMS_CHANNEL if message.channel == SMS_CHANNEL else str(config.courier.delivery_strategy)
    try:
        dotted = registry.CHANNELS[name]
    except KeyError as err:
        raise DeliveryError(f"unknown courier channel {name!r}") from err
    return registry.resolve(dotted)()


def claim(limit: int, now: dt.datetime) -> list[CourierMessage]:
    """Claim up to ``limit`` due messages (queued, or processing with a lapsed claim)."""
    due = (
        CourierMessage.objects.filter(
            status__in=(MessageStatus.QUEUED, MessageStatus.PROCESSING), available_at__lte=now
        )
        .order_by("available_at", "created_at", "id")
        .values_list("id", "status", "available_at")[:limit]
    )
    claimed: list[uuid.UUID] = []
    for message_id, status, available_at in list(due):
        won = CourierMessage.objects.filter(
            pk=message_id, status=status, available_at=available_at
        ).update(status=MessageStatus.PROCESSING, available_at=now + CLAIM_LEASE, updated_at=now)
        if won:
            claimed.append(message_id)
    found = CourierMessage.objects.filter(pk__in=claimed).order_by("created_at", "id")
    return list(found)


def _record(message: CourierMessage, status: str, now: dt.datetime, error: Any = None) -> None:
    MessageDispatch.objects.create(
        message=message, status=status, error=error, created_at=now, updated_at=now
    )


def _sent(message: CourierMessage, now: dt.datetime) -> None:
    with transaction.atomic():
        CourierMessage.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENT, send_count=message.send_count, updated_at=now
        )
        _record(message, DispatchStatus.SUCCESS, now)
    message.status = MessageStatus.SENT


def _failed(
    message: CourierMessage, reason: str, settings: WorkerSettings, now: dt.datetime
) -> bool:
    """Record a failed attempt; returns whether the message is now abandoned."""
    abandoned = message.send_count > settings.message_retries
    status = MessageStatus.ABANDONED if abandoned else MessageStatus.QUEUED
    due = now if abandoned else now + settings.backoff(message.send_count)
    with transaction.atomic():
        CourierMessage.objects.filter(pk=message.pk).update(
            status=status, send_count=message.send_count, available_at=due, updated_at=now
        )
        _record(message, DispatchStatus.FAILED, now, {"reason": reason})
    message.status = status
    logger.warning(
        "courier message %s (%s) attempt %d failed: %s",
        message.pk,
        message.template_type,
        message.send_count,
        reason,
    )
    if abandoned:
        event(
            SecurityEvent.COURIER_ABANDONED,
            message_id=message.pk,
            template_type=message.template_type,
            attempts=message.send_count,
        )
    return abandoned


def deliver(
    message: CourierMessage,
    channels: dict[str, Channel],
    settings: WorkerSettings,
    now: dt.datetime,
) -> str:
    """One attempt for a claimed message; returns ``sent``, ``queued`` or ``abandoned``."""
    message.send_count += 1
    key = message.channel
    try:
        if key not in channels:
            channels[key] = channel_for(message)
        channels[key].send(message)
    except DeliveryError as err:
        reason = err.reason
    except Exception as err:  # noqa: BLE001 - a bug in a channel must not lose the message
        logger.exception("courier channel crashed on message %s", message.pk)
        reason = type(err).__name__
    else:
        _sent(message, now)
        return MessageStatus.SENT
    abandoned = _failed(message, reason, settings, now)
    return MessageStatus.ABANDONED if abandoned else MessageStatus.QUEUED


def dispatch_batch(settings: WorkerSettings | None = None) -> BatchResult:
    """Claim and send one batch of due messages."""
    settings = settings or WorkerSettings.from_config()
    now = clock.now()
    messages = claim(settings.pull_count, now)
    channels: dict[str, Channel] = {}
    outcomes: list[str] = []
    try:
        for message in messages:
            outcomes.append(deliver(message, channels, settings, clock.now()))
    finally:
        for channel in channels.values():
            channel.close()
    return BatchResult(
        claimed=len(messages),
        sent=outcomes.count(MessageStatus.SENT),
        failed=outcomes.count(MessageStatus.QUEUED),
        abandoned=outcomes.count(MessageStatus.ABANDONED),
    )


def watch(
    stop: threading.Event,
    *,
    once: bool = False,
    on_batch: Callable[[BatchResult], None] | None = None,
) -> None:
    """Send batches until ``stop`` is set (or after one pass over the queue with ``once``)."""
    while not stop.is_set():
        if not any(conn.in_atomic_block for conn in connections.all()):
            close_old_connections()  # a long-running process drops broken connections
        settings = WorkerSettings.from_config()
        try:
            result = dispatch_batch(settings)
        except DatabaseError as err:
            logger.error("courier worker cannot reach the database: %s", type(err).__name__)
            result = BatchResult()
        if on_batch is not None:
            on_batch(result)
        if result.claimed < settings.pull_count:
            if once:
                return
            stop.wait(settings.pull_wait.total_seconds())
