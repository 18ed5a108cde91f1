"""GDPR: export everything held about a person, and erase it.

:func:`export_identity` gathers the identity (traits, metadata, addresses), its credentials
(type and identifiers only), sessions with their devices, the courier messages about it
(envelope only: bodies carry codes and links) and the audit entries about it. It never
includes a password hash, a credential config, a session token or a message body.

A courier message is about the identity when it was queued for it (``identity_id``, which
survives address changes), or, for messages queued without a known identity (older rows,
sign-up codes), when its recipient is one of the identity's current addresses, compared
case-insensitively after the addresses' own normalisation
(:func:`kratos_auth.courier.queries.messages_about`).

:func:`erase_identity` deletes all of that in one transaction: the courier messages about
it, the audit entries about it, the one-time codes and link tokens that hold one of its
addresses without naming an identity, then the identity (credentials, addresses,
sessions, devices and the codes and tokens issued to it go with it). The caller then records
the erasure itself — one audit entry that holds only the now meaningless id, as proof that
the request was carried out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model

from kratos_auth.audit.service import TARGET_IDENTITY, delete_for, entries_for
from kratos_auth.courier import queries as courier_queries
from kratos_auth.courier.models import CourierMessage
from kratos_auth.identity import service
from kratos_auth.identity.models import Identity

JSON = Any
EXPORT_FORMAT = "kratos_auth.identity_export.v1"


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _addresses(identity: Identity) -> set[tuple[str, str]]:
    """The identity's current verifiable and recovery addresses as ``(value, via)``."""
    values = {(a.value, a.via) for a in identity.verifiable_addresses.all()}
    values |= {(a.value, a.via) for a in identity.recovery_addresses.all()}
    return values


def _credentials(identity: Identity) -> dict[str, JSON]:
    return {
        c.type: {
            "type": c.type,
            "identifiers": sorted(r.identifier for r in c.identifier_rows.all()),
            "version": c.version,
            "created_at": _time(c.created_at),
            "updated_at": _time(c.updated_at),
        }
        for c in identity.credentials.all()
    }


def _sessions(identity: Identity) -> list[JSON]:
    sessions = getattr(identity, "sessions", None)
    if sessions is None:
        return []
    return [
        {
            "id": str(s.id),
            "active": s.active,
            "aal": s.aal,
            "authentication_methods": s.authentication_methods,
            "issued_at": _time(s.issued_at),
            "authenticated_at": _time(s.authenticated_at),
            "expires_at": _time(s.expires_at),
            "devices": [
                {
                    "ip_address": d.ip_address,
                    "user_agent": d.user_agent,
                    "location": d.location,
                    "created_at": _time(d.created_at),
                }
                for d in s.devices.all()
            ],
        }
        for s in sessions.order_by("created_at").prefetch_related("devices")
    ]


def _messages(identity: Identity) -> list[JSON]:
    # Subject and body are encrypted and may hold codes: the envelope only.
    wanted = ("id", "recipient", "template_type", "status", "send_count", "created_at")
    rows = courier_queries.messages_about(identity.id, _addresses(identity))
    return [
        {f: (_time(v) if isinstance(v, dt.datetime) else str(v)) for f, v in row.items()}
        for row in rows.order_by("created_at", "id").values(*wanted)
    ]


def _audit(identity_id: uuid.UUID) -> list[JSON]:
    return [
        {
            "created_at": _time(e.created_at),
            "source": e.source,
            "actor": e.actor,
            "action": e.action,
            "status": e.status,
        }
        for e in entries_for(TARGET_IDENTITY, str(identity_id)).order_by("created_at")
    ]


def _address_rows(rows: Any, extra: tuple[str, ...]) -> list[JSON]:
    return [
        {
            "id": str(a.id),
            "value": a.value,
            "via": a.via,
            **{
                name: _time(v) if isinstance(v := getattr(a, name), dt.datetime) else v
                for name in extra
            },
            "created_at": _time(a.created_at),
        }
        for a in rows.all()
    ]


def export_identity(identity: Identity) -> dict[str, JSON]:
    """Everything held about ``identity`` as JSON-ready data (no hashes, no secrets)."""
    return {
        "format": EXPORT_FORMAT,
        "identity": {
            "id": str(identity.id),
            "schema_id": identity.schema_id,
            "state": identity.state,
            "state_changed_at": _time(identity.state_changed_at),
            "external_id": identity.external_id,
            "traits": identity.traits,
            "metadata_public": identity.metadata_public,
            "metadata_admin": identity.metadata_admin,
            "created_at": _time(identity.created_at),
            "updated_at": _time(identity.updated_at),
        },
        "verifiable_addresses": _address_rows(
            identity.verifiable_addresses, ("verified", "verified_at", "status")
        ),
        "recovery_addresses": _address_rows(identity.recovery_addresses, ()),
        "credentials": _credentials(identity),
        "sessions": _sessions(identity),
        "courier_messages": _messages(identity),
        "audit_entries": _audit(identity.id),
    }


def _address_secret_models() -> list[type[Model]]:
    """The one-time code and link token models (found, not imported: the self-service
    layer sits above this one)."""
    wanted = {"address", "via", "identity", "usable", "expires_at", "used_at"}
    return [
        model
        for model in apps.get_app_config("kratos_auth").get_models()
        if wanted <= {f.name for f in model._meta.concrete_fields}
    ]


def _erase_address_secrets(addresses: set[tuple[str, str]]) -> int:
    """Delete the codes and link tokens that hold one of ``addresses`` but no identity.

    Kept conservative. Those issued to the identity go with it (``on_delete=CASCADE``),
    whatever address they hold. Left with one of its addresses and no identity are sign-up
    codes sent to it and codes or links made on the unknown-address path (never usable)
    before the address was registered: they hold nothing but the address and a hash, and a
    pending one could only ever reach that address, so deleting them harms no one else.
    A row naming another identity is that identity's and stays. Flows stay too: they hold
    typed-in values inside their UI, which cannot be told apart by person; they expire
    after their lifespan and ``kratos cleanup sql`` removes them.
    """
    keys = courier_queries.address_keys(addresses)
    if not keys:
        return 0
    return sum(
        model.objects.alias(address_key=courier_queries.recipient_key("address"))
        .filter(identity__isnull=True, address_key__in=keys)
        .delete()[0]
        for model in _address_secret_models()
    )


@dataclass(frozen=True)
class Erasure:
    identity_id: uuid.UUID
    courier_messages: int
    audit_entries: int
    one_time_secrets: int = 0


def erase_identity(identity: Identity) -> Erasure:
    """Delete ``identity`` and everything about it, atomically (see the module docstring)."""
    with transaction.atomic():
        addresses = _addresses(identity)
        found = courier_queries.messages_about(identity.id, addresses)
        messages = found.delete()[1].get(CourierMessage._meta.label, 0)  # not dispatches
        secrets = _erase_address_secrets(addresses)
        audits = delete_for(TARGET_IDENTITY, str(identity.id))
        identity_id = identity.id
        service.delete_identity(identity)
    return Erasure(identity_id, messages, audits, secrets)
