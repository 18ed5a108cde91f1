"""Marking verifiable addresses (the verification state Kratos keeps per address).

An address is verified by a verification code or link, and also whenever a recovery or a
sign-in code sent to it was used: the user proved control of it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Value
from django.db.models.functions import Coalesce

from kratos_auth.core import clock
from kratos_auth.identity.models import VerifiableAddress, VerifiableAddressStatus
from kratos_auth.schema import normalize_address


def mark_verified(identity_id: Any, via: str, value: str) -> int:
    """Set ``verified``, ``status: completed`` and (once) ``verified_at``; how many rows."""
    now = clock.now()
    return VerifiableAddress.objects.filter(
        identity_id=identity_id, via=via, value=normalize_address(value, via)
    ).update(
        verified=True,
        status=VerifiableAddressStatus.COMPLETED,
        verified_at=Coalesce(F("verified_at"), Value(now)),
        updated_at=now,
    )


def mark_sent(address: VerifiableAddress) -> None:
    """``pending`` -> ``sent`` once a verification message went out (Kratos's status)."""
    VerifiableAddress.objects.filter(pk=address.pk, status=VerifiableAddressStatus.PENDING).update(
        status=VerifiableAddressStatus.SENT, updated_at=clock.now()
    )


def unverified(identity: Any) -> list[VerifiableAddress]:
    """Addresses that still wait for their first verification message."""
    return list(
        VerifiableAddress.objects.filter(
            identity=identity, verified=False, status=VerifiableAddressStatus.PENDING
        ).order_by("created_at", "id")
    )


def find(identity_id: Any, via: str, value: str) -> VerifiableAddress | None:
    """The identity's address ``value`` (with its identity loaded), or ``None``."""
    return (
        VerifiableAddress.objects.select_related("identity")
        .filter(identity_id=identity_id, via=via, value=normalize_address(value, via))
        .first()
    )
