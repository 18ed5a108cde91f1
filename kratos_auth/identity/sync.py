"""Writes an identity's credentials, identifiers and addresses so they match its traits.

Called by :mod:`kratos_auth.identity.service` inside its transaction. Identifier rows and
addresses carry database unique constraints; a clash with another identity surfaces as
``IntegrityError``, which the service turns into Kratos's conflict error.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kratos_auth.identity.credentials import CredentialData
from kratos_auth.identity.imports import ImportedAddress
from kratos_auth.identity.models import (
    Credential,
    CredentialIdentifier,
    Identity,
    RecoveryAddress,
    VerifiableAddress,
    VerifiableAddressStatus,
)
from kratos_auth.schema import TraitAddress

JSON = Any


def load_config(value: JSON) -> dict[str, JSON]:
    """A credential's config as a dict (tolerates configs stored as JSON text)."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value else {}
        except ValueError:
            return {}
    return dict(value) if isinstance(value, dict) else {}


def stored_credentials(identity: Identity) -> dict[str, CredentialData]:
    """The identity's credentials as stored now (read inside the current transaction)."""
    rows = Credential.objects.filter(identity=identity).prefetch_related("identifier_rows")
    return {
        row.type: CredentialData(
            type=row.type,
            config=load_config(row.config),
            identifiers=tuple(sorted(i.identifier for i in row.identifier_rows.all())),
            version=row.version,
        )
        for row in rows
    }


def write_credentials(
    identity: Identity,
    desired: Mapping[str, CredentialData],
    now: dt.datetime,
    *,
    fresh: bool = False,
) -> bool:
    """Make the stored credentials exactly ``desired``. Returns whether anything changed.

    ``fresh`` says the identity was just inserted (nothing to read, compare or delete).
    """
    if fresh:
        return _insert_credentials(identity, desired, now)
    existing = {
        row.type: row
        for row in Credential.objects.filter(identity=identity).prefetch_related("identifier_rows")
    }
    changed = False
    for kind in set(existing) - set(desired):
        existing.pop(kind).delete()
        changed = True
    for kind, data in desired.items():
        row = existing.get(kind)
        if row is None:
            row = Credential.objects.create(
                identity=identity,
                type=kind,
                config=dict(data.config),
                version=data.version,
                created_at=now,
                updated_at=now,
            )
            changed = True
        elif load_config(row.config) != dict(data.config) or row.version != data.version:
            row.config, row.version, row.updated_at = dict(data.config), data.version, now
            row.save(update_fields=["config", "version", "updated_at"])
            changed = True
        changed = _write_identifiers(row, kind, data.identifiers, now) or changed
    return changed


def _insert_credentials(
    identity: Identity, desired: Mapping[str, CredentialData], now: dt.datetime
) -> bool:
    credentials, identifiers = new_credentials(identity, desired, now)
    if not credentials:
        return False
    Credential.objects.bulk_create(credentials)
    if identifiers:
        CredentialIdentifier.objects.bulk_create(identifiers)
    return True


def new_credentials(
    identity: Identity, desired: Mapping[str, CredentialData], now: dt.datetime
) -> tuple[list[Credential], list[CredentialIdentifier]]:
    """Unsaved credential rows for ``desired``, and their identifier rows (in that order)."""
    rows = {
        kind: Credential(
            identity=identity,
            type=kind,
            config=dict(data.config),
            version=data.version,
            created_at=now,
            updated_at=now,
        )
        for kind, data in desired.items()
    }
    identifiers = [
        CredentialIdentifier(credential=rows[kind], type=kind, identifier=value, created_at=now)
        for kind, data in desired.items()
        for value in dict.fromkeys(data.identifiers)
    ]
    return list(rows.values()), identifiers


def _write_identifiers(
    row: Credential, kind: str, identifiers: Sequence[str], now: dt.datetime
) -> bool:
    current = {i.identifier: i for i in row.identifier_rows.all()}
    wanted = list(dict.fromkeys(identifiers))
    stale = [i.pk for value, i in current.items() if value not in wanted]
    if stale:
        CredentialIdentifier.objects.filter(pk__in=stale).delete()
    fresh = [
        CredentialIdentifier(credential=row, type=kind, identifier=value, created_at=now)
        for value in wanted
        if value not in current
    ]
    if fresh:
        CredentialIdentifier.objects.bulk_create(fresh)
    return bool(stale or fresh)


def write_verifiable_addresses(
    identity: Identity,
    wanted: Iterable[TraitAddress],
    imported: Sequence[ImportedAddress],
    now: dt.datetime,
    *,
    fresh: bool = False,
) -> bool:
    """Keep verifiable addresses equal to ``wanted``. Returns whether anything changed.

    Addresses that stay keep their verification status unless ``imported`` restates it
    (an admin import or patch); new ones take it from ``imported`` or start unverified.
    """
    existing = {} if fresh else _addresses(VerifiableAddress, identity)
    keys = address_keys(wanted)
    changed = _delete_stale(VerifiableAddress, existing, keys)
    given = {(a.via, a.value): a for a in imported}
    for key, row in existing.items():
        match = given.get(key)
        if key in keys and match is not None and _restate(row, match, now):
            changed = True
    rows = new_verifiable_addresses(
        identity, [key for key in keys if key not in existing], imported, now
    )
    if rows:
        VerifiableAddress.objects.bulk_create(rows)
    return changed or bool(rows)


def _restate(row: VerifiableAddress, match: ImportedAddress, now: dt.datetime) -> bool:
    """Give ``row`` the verification state of ``match``; whether it changed."""
    state = {"verified": match.verified, "status": match.status, "verified_at": match.verified_at}
    if all(getattr(row, name) == value for name, value in state.items()):
        return False
    for name, value in state.items():
        setattr(row, name, value)
    row.updated_at = now
    row.save(update_fields=[*state, "updated_at"])
    return True


def write_recovery_addresses(
    identity: Identity, wanted: Iterable[TraitAddress], now: dt.datetime, *, fresh: bool = False
) -> None:
    """Keep recovery addresses equal to ``wanted`` (existing rows are kept as they are)."""
    existing = {} if fresh else _addresses(RecoveryAddress, identity)
    keys = address_keys(wanted)
    _delete_stale(RecoveryAddress, existing, keys)
    rows = new_recovery_addresses(identity, [key for key in keys if key not in existing], now)
    if rows:
        RecoveryAddress.objects.bulk_create(rows)


def address_keys(wanted: Iterable[TraitAddress]) -> list[tuple[str, str]]:
    """The distinct ``(via, value)`` pairs of ``wanted``, in order."""
    return list(dict.fromkeys((a.via, a.value) for a in wanted))


def new_verifiable_addresses(
    identity: Identity,
    keys: Iterable[tuple[str, str]],
    imported: Sequence[ImportedAddress],
    now: dt.datetime,
) -> list[VerifiableAddress]:
    """Unsaved verifiable addresses; an imported address brings its verification status."""
    given = {(a.via, a.value): a for a in imported}
    rows = []
    for via, value in keys:
        match = given.get((via, value))
        rows.append(
            VerifiableAddress(
                identity=identity,
                via=via,
                value=value,
                verified=match.verified if match else False,
                verified_at=match.verified_at if match else None,
                status=match.status if match else VerifiableAddressStatus.PENDING,
                created_at=now,
                updated_at=now,
            )
        )
    return rows


def new_recovery_addresses(
    identity: Identity, keys: Iterable[tuple[str, str]], now: dt.datetime
) -> list[RecoveryAddress]:
    """Unsaved recovery addresses."""
    return [
        RecoveryAddress(identity=identity, via=via, value=value, created_at=now, updated_at=now)
        for via, value in keys
    ]


def _delete_stale(
    model: type[Any], existing: Mapping[tuple[str, str], Any], keys: Sequence[tuple[str, str]]
) -> bool:
    stale = [a.pk for key, a in existing.items() if key not in keys]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    return bool(stale)


def _addresses(model: type[Any], identity: Identity) -> dict[tuple[str, str], Any]:
    return {(a.via, a.value): a for a in model.objects.filter(identity=identity).order_by()}
