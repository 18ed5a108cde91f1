"""The contract of a delivery channel, and the one error channels raise."""

from __future__ import annotations

from typing import Any, Protocol


class DeliveryError(Exception):
    """An attempt to deliver failed. ``reason`` is safe to store and show: it names the
    cause (``ConnectionRefusedError``, ``SMTP 550``, ``HTTP 503`` …), never message content,
    addresses or credentials."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class Channel(Protocol):
    """Sends stored messages.

    ``send`` delivers one message or raises :class:`DeliveryError`; it may keep a connection
    open between calls. ``close`` ends that connection (called after every batch, also when
    a send failed) and never raises.
    """

    id: str

    def send(self, message: Any) -> None: ...

    def close(self) -> None: ...
