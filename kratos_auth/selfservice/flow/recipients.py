"""Sending recovery and verification messages (codes or links) to their recipients.

Senders do the same work for known and unknown addresses (Kratos's rule): the lookup
always yields a recipient address; ``identity`` is ``None`` when the address is unknown (or,
for recovery, its identity inactive), and the secret stored for it must never succeed.
The ``*_valid`` message goes to a known address; the ``*_invalid`` one to an unknown address
only with ``notify_unknown_recipients``. Requests are rate-limited per client and address
first (429 alike for both), and the work runs inside ``courier.pacing.at_least`` so its
duration says nothing either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kratos_auth import ratelimit
from kratos_auth.conf import config
from kratos_auth.core.secret import Secret
from kratos_auth.courier import pacing
from kratos_auth.courier import queue as courier
from kratos_auth.identity import queries as identity_queries
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.schema import normalize_address

JSON = Any


@dataclass(frozen=True)
class Recipient:
    address: str
    identity: Any = None
    known: bool = False

    @property
    def usable(self) -> bool:
        """Whether the secret sent to this recipient may succeed."""
        return self.identity is not None


def recovery_recipient(email: str) -> Recipient:
    """The recovery address ``email`` (normalized when unknown); no identity if inactive."""
    found = identity_queries.find_recovery_address("email", email)
    if found is None:
        return Recipient(normalize_address(email, "email"))
    identity = found.identity if found.identity.is_active else None
    return Recipient(found.value, identity, known=True)


def verification_recipient(value: str, via: str, address: Any = None) -> Recipient:
    """The verifiable address ``value`` (``address`` when the caller already has it)."""
    if address is None:
        address = identity_queries.find_verifiable_address(via, value)
    if address is None:
        return Recipient(normalize_address(value, via))
    return Recipient(address.value, address.identity, known=True)


def message_data(flow: Any, lifespan: dt.timedelta) -> JSON:
    """The template data every code or link message starts with."""
    return {
        "request_url": flow.request_url,
        "transient_payload": flow.transient_payload,
        "expires_in_minutes": int(lifespan.total_seconds() // 60),
    }


@dataclass(frozen=True)
class Message:
    """How one method sends: ``issue`` stores a secret for the recipient, ``valid_data``
    adds what only a known recipient may see to :func:`message_data`; ``valid`` and
    ``invalid`` are the template types."""

    issue: Callable[[Recipient], Secret]
    valid_data: Callable[[Secret, Recipient], JSON]
    lifespan: dt.timedelta
    valid: str
    invalid: str


def send_recovery(flow: Any, email: str, ctx: Any, method: str, message: Message) -> None:
    """Send a recovery message for ``email`` (or pretend to, for an unknown address)."""
    ratelimit.check(ratelimit.Action.RECOVERY, ctx.client_ip, email)
    with pacing.at_least():
        to = recovery_recipient(email)
        secret = message.issue(to)
        data = message_data(flow, message.lifespan)
        if to.usable:
            data |= message.valid_data(secret, to)
            courier.queue_email(to.address, message.valid, data, identity_id=to.identity.id)
        elif not to.known and config.selfservice.flows.recovery.notify_unknown_recipients:
            courier.queue_email(to.address, message.invalid, data)
    event(
        SecurityEvent.RECOVERY_REQUESTED,
        identity_id=getattr(to.identity, "id", None),
        method=method,
        ip=ctx.client_ip,
    )


def send_verification(
    flow: Any, value: str, via: str, ctx: Any, address: Any, limited: bool, message: Message
) -> None:
    """Send a verification message to ``value`` (``address`` when a hook already knows it;
    ``limited=False``: no rate limit and no minimum duration)."""
    if limited:
        ratelimit.check(ratelimit.Action.VERIFICATION, ctx.client_ip, value)
    with pacing.at_least(None if limited else pacing.NO_FLOOR):
        to = verification_recipient(value, via, address)
        secret = message.issue(to)
        data = message_data(flow, message.lifespan)
        if to.usable:
            data |= message.valid_data(secret, to)
            courier.queue(via, to.address, message.valid, data, identity_id=to.identity.id)
        elif config.selfservice.flows.verification.notify_unknown_recipients:
            courier.queue(via, to.address, message.invalid, data)
