"""The Django admin's "send a recovery link" action.

For each identity: a recovery link from the same service as ``POST /admin/recovery/link``,
mailed through the courier to the identity's first email recovery address (template
``recovery_valid``). The link is never shown to the staff member, only mailed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kratos_auth.core import clock
from kratos_auth.courier import queue as courier
from kratos_auth.courier.models import TemplateType
from kratos_auth.errors import KratosError
from kratos_auth.identity.models import AddressVia, Identity
from kratos_auth.selfservice.strategies.link import admin as link_admin


def send_recovery_link(identity: Identity) -> bool:
    """Mail a fresh recovery link; False when the identity has no email recovery address.

    Raises the service's errors (recovery or the link method disabled, identity inactive).
    """
    address = next(
        (a.value for a in identity.recovery_addresses.all() if a.via == AddressVia.EMAIL), None
    )
    if address is None:
        return False
    result = link_admin.create_recovery_link_for_identity(identity.pk)
    minutes = max(1, int((result.expires_at - clock.now()).total_seconds() // 60))
    courier.queue_email(
        address,
        TemplateType.RECOVERY_VALID,
        {
            "recovery_url": str(result.recovery_link.reveal()),
            "identity": courier.identity_model(identity),
            "expires_in_minutes": minutes,
        },
        identity_id=identity.pk,
    )
    return True


@dataclass
class Outcome:
    sent: list[Identity] = field(default_factory=list)
    without_address: int = 0
    refused: list[str] = field(default_factory=list)  # reasons (recovery disabled, inactive …)


def send_recovery_links(identities: Iterable[Identity]) -> Outcome:
    """Mail a link to each identity; one refused identity does not stop the others."""
    outcome = Outcome()
    for identity in identities:
        try:
            if send_recovery_link(identity):
                outcome.sent.append(identity)
            else:
                outcome.without_address += 1
        except KratosError as err:
            outcome.refused.append(err.reason or err.default_message())
    return outcome
