"""The one place that writes identities (reads live in :mod:`kratos_auth.identity.queries`).

Every write validates the traits against the identity's schema, derives identifiers and
addresses from the schema's ``ory.sh/kratos`` extensions, writes all rows in one
transaction block, recomputes ``available_aal`` and sends a signal. A clash with another
identity (identifier in any case/Unicode form, address, external id) raises
:class:`~kratos_auth.identity.errors.IdentityConflict` — never a 500, also when two requests
race: the database's unique constraints decide, inside a savepoint.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction

from kratos_auth import signals
from kratos_auth.conf import config
from kratos_auth.core import clock, storable
from kratos_auth.identity import imports, sync
from kratos_auth.identity.credentials import (
    SCHEMA_IDENTIFIED,
    CredentialData,
    FactorOptions,
    available_aal,
    code_config,
    identifiers_for,
)
from kratos_auth.identity.errors import IdentityConflict, IdentityNotFound, InvalidIdentity
from kratos_auth.identity.models import (
    CredentialIdentifier,
    CredentialsType,
    Identity,
    IdentityState,
    VerifiableAddress,
)
from kratos_auth.schema import TraitsExtensions, get_schema, inspect_traits
from kratos_auth.text import identity as texts

JSON = Any
T = TypeVar("T")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""Marks an :func:`update_identity` argument that keeps the stored value."""


@dataclass(frozen=True)
class WritePlan:
    """Everything one write needs, prepared (and passwords hashed) before the transaction."""

    schema_id: str
    traits: JSON
    extensions: TraitsExtensions
    configs: Mapping[str, Mapping[str, JSON] | None]


def create_identity(
    *,
    traits: JSON = None,
    schema_id: str | None = None,
    state: str = IdentityState.ACTIVE,
    metadata_public: JSON = None,
    metadata_admin: JSON = None,
    external_id: str | None = None,
    credentials: JSON = None,
    credential_configs: Mapping[str, Mapping[str, JSON]] | None = None,
    verifiable_addresses: JSON = None,
    recovery_addresses: JSON = None,
) -> Identity:
    """Create an identity (``createIdentity``).

    ``credentials`` is api.json's ``identityWithCredentials`` (admin imports);
    ``credential_configs`` maps a credentials type to a ready Kratos-shaped config (for
    strategies that build their own). ``verifiable_addresses`` may mark addresses the
    traits declare as verified. Raises ``TraitsInvalid``/``UnknownSchema``/``BadRequest``
    (400) or :class:`IdentityConflict` (409).
    """
    plan, imported = plan_create(
        traits=traits,
        schema_id=schema_id,
        state=state,
        credentials=credentials,
        credential_configs=credential_configs,
        verifiable_addresses=verifiable_addresses,
        recovery_addresses=recovery_addresses,
    )
    now = clock.now()
    identity = new_identity(
        plan,
        state=state,
        metadata_public=metadata_public,
        metadata_admin=metadata_admin,
        external_id=external_id,
        now=now,
    )

    def write() -> None:
        _write_rows(identity, plan, {}, now, imported, fresh=True)

    _atomically(write)
    signals.identity_created.send(sender=Identity, identity=identity)
    return identity


def update_identity(
    identity: Identity | uuid.UUID | str,
    *,
    traits: JSON = UNSET,
    schema_id: str | None = UNSET,
    state: str = UNSET,
    metadata_public: JSON = UNSET,
    metadata_admin: JSON = UNSET,
    external_id: str | None = UNSET,
    credentials: JSON = None,
    credential_configs: Mapping[str, Mapping[str, JSON] | None] | None = None,
    verifiable_addresses: Sequence[imports.ImportedAddress] = (),
) -> Identity:
    """Replace what is given (``updateIdentity`` passes everything: PUT semantics).

    Arguments left :data:`UNSET` keep their stored value; ``None`` clears metadata.
    ``credentials`` (``identityWithCredentials``) imports into the given types, keeping
    the others, as Kratos does; ``credential_configs`` replaces the config of each given
    type (``None`` removes it). Identifiers and addresses follow the new traits; addresses
    that stay keep their verification status, unless ``verifiable_addresses`` restates it
    (addresses the traits do not declare are ignored, as in Kratos). A state change sets
    ``state_changed_at``.
    """
    identity_id = identity.pk if isinstance(identity, Identity) else identity
    check_storable(metadata_public, metadata_admin, external_id)
    imported = imports.parse_credentials(credentials)  # hashes: before the transaction
    holder: dict[str, Identity] = {}
    changed: set[str] = set()

    def write() -> None:
        current = _locked(identity_id)
        stored = sync.stored_credentials(current)
        parsed = imports.merge_credentials(imported, {k: v.config for k, v in stored.items()})
        plan = plan_write(
            current.schema_id if schema_id is UNSET or not schema_id else schema_id,
            current.traits if traits is UNSET else traits,
            parsed,
            credential_configs,
        )
        now = clock.now()
        changed.update(_apply_fields(current, plan, state, now))
        for name, value in (
            ("metadata_public", metadata_public),
            ("metadata_admin", metadata_admin),
            ("external_id", external_id if external_id is UNSET else external_id or None),
        ):
            if value is not UNSET and getattr(current, name) != value:
                setattr(current, name, value)
                changed.add(name)
        current.updated_at = now
        changed.update(_write_rows(current, plan, stored, now, verifiable_addresses))
        holder["identity"] = current

    _atomically(write)
    updated = holder["identity"]
    signals.identity_updated.send(sender=Identity, identity=updated, changed=frozenset(changed))
    return updated


def set_identity_state(identity: Identity | uuid.UUID | str, state: str) -> Identity:
    """Activate or deactivate an identity (sets ``state_changed_at`` when it changes)."""
    check_state(state)
    return update_identity(identity, state=state)


def set_credentials(
    identity: Identity | uuid.UUID | str,
    credentials_type: str,
    config: Mapping[str, JSON] | None,
) -> Identity:
    """Store (or, with ``None``, remove) one credential's Kratos-shaped config.

    For strategies (settings flows): identifiers are derived as for every write.
    """
    return update_identity(identity, credential_configs={credentials_type: config})


def delete_identity(identity: Identity | uuid.UUID | str) -> None:
    """Delete an identity with its credentials, identifiers and addresses."""
    identity_id = identity.pk if isinstance(identity, Identity) else identity
    holder: dict[str, Identity] = {}

    def write() -> None:
        current = _locked(identity_id)
        holder["identity"] = current
        current.delete()

    _atomically(write)
    deleted = holder["identity"]
    signals.identity_deleted.send(sender=Identity, identity_id=identity_id, identity=deleted)


def factor_options() -> FactorOptions:
    """Whether ``code`` counts as a first or second factor, from the configuration."""
    code = config.selfservice.methods["code"]
    return FactorOptions(
        code_passwordless=bool(code.passwordless_enabled), code_mfa=bool(code.mfa_enabled)
    )


def plan_create(
    *,
    traits: JSON,
    schema_id: str | None,
    state: str,
    credentials: JSON,
    credential_configs: Mapping[str, Mapping[str, JSON]] | None,
    verifiable_addresses: JSON,
    recovery_addresses: JSON,
) -> tuple[WritePlan, tuple[imports.ImportedAddress, ...]]:
    """Validate :func:`create_identity`'s arguments, writing nothing.

    Returns the write plan and the imported verifiable addresses; raises what
    :func:`create_identity` raises for invalid input (never :class:`IdentityConflict`).
    """
    check_state(state)
    plan = plan_write(schema_id, traits, imports.parse_credentials(credentials), credential_configs)
    imported = imports.parse_addresses(verifiable_addresses, "verifiable")
    imports.parse_addresses(recovery_addresses, "recovery")  # shape check; schema decides
    return plan, imported


def new_identity(
    plan: WritePlan,
    *,
    state: str,
    metadata_public: JSON,
    metadata_admin: JSON,
    external_id: str | None,
    now: dt.datetime,
) -> Identity:
    """An unsaved identity for ``plan`` (``available_aal`` is set when its rows are known)."""
    check_storable(metadata_public, metadata_admin, external_id)
    return Identity(
        schema_id=plan.schema_id,
        traits=plan.traits,
        state=state,
        state_changed_at=now,
        metadata_public=metadata_public,
        metadata_admin=metadata_admin,
        external_id=external_id or None,
        created_at=now,
        updated_at=now,
    )


def plan_write(
    schema_id: str | None,
    traits: JSON,
    parsed: Mapping[str, Mapping[str, JSON]],
    configs: Mapping[str, Mapping[str, JSON] | None] | None,
) -> WritePlan:
    """Validate ``traits`` against the schema and merge the credential configs to write.

    ``parsed`` holds imported credentials; ``configs`` maps a type to a ready config
    (``None`` removes that type). Raises ``TraitsInvalid``/``UnknownSchema``.
    """
    schema = get_schema(schema_id)
    traits = {} if traits is None else traits
    _check_text("traits", traits)
    extensions = inspect_traits(schema, traits)
    for address in (*extensions.verifiable_addresses, *extensions.recovery_addresses):
        _check_length("traits", address.value, _ADDRESS_LENGTH)
    merged: dict[str, Mapping[str, JSON] | None] = dict(parsed)
    for kind, value in (configs or {}).items():
        merged[str(kind)] = None if value is None else dict(value)
    return WritePlan(schema.id, traits, extensions, merged)


def _apply_fields(current: Identity, plan: WritePlan, state: str, now: dt.datetime) -> set[str]:
    changed = set()
    if current.schema_id != plan.schema_id:
        current.schema_id = plan.schema_id
        changed.add("schema_id")
    if current.traits != plan.traits:
        current.traits = plan.traits
        changed.add("traits")
    if state is not UNSET:
        check_state(state)
        if state != current.state:
            current.state, current.state_changed_at = state, now
            changed.add("state")
    return changed


def _write_rows(
    identity: Identity,
    plan: WritePlan,
    stored: Mapping[str, CredentialData],
    now: dt.datetime,
    imported: Sequence[imports.ImportedAddress],
    *,
    fresh: bool = False,
) -> set[str]:
    """Save ``identity`` (inserted when ``fresh``), then its credentials and addresses.

    Returns which of ``credentials`` and ``verifiable_addresses`` changed.
    """
    desired = desired_credentials(plan, stored)
    aal = available_aal(desired.values(), factor_options())
    identity.available_aal = aal
    identity.save(force_insert=fresh)
    changed = set()
    if sync.write_credentials(identity, desired, now, fresh=fresh):
        changed.add("credentials")
    ext = plan.extensions
    if sync.write_verifiable_addresses(
        identity, ext.verifiable_addresses, imported, now, fresh=fresh
    ):
        changed.add("verifiable_addresses")
    sync.write_recovery_addresses(identity, ext.recovery_addresses, now, fresh=fresh)
    return changed


def desired_credentials(
    plan: WritePlan, stored: Mapping[str, CredentialData]
) -> dict[str, CredentialData]:
    """The credentials the identity should have after ``plan``, given the ``stored`` ones."""
    configs: dict[str, Mapping[str, JSON]] = {k: v.config for k, v in stored.items()}
    versions = {k: v.version for k, v in stored.items()}
    for kind, value in plan.configs.items():
        if value is None:
            configs.pop(kind, None)
        else:
            configs[kind] = value
    for kind in SCHEMA_IDENTIFIED:
        # As in Kratos, naming an identifier in the traits creates the credential.
        if plan.extensions.identifiers_for(kind) and kind not in configs:
            configs[kind] = {}
    if CredentialsType.CODE in configs:
        configs[CredentialsType.CODE] = code_config(plan.extensions)
    desired = {}
    for kind, value in configs.items():
        _check_text(f"credentials.{kind}", value)
        identifiers = identifiers_for(kind, value, plan.extensions)
        for identifier in identifiers:
            _check_length(f"the {kind} identifier", identifier, _IDENTIFIER_LENGTH)
        if kind in SCHEMA_IDENTIFIED and not identifiers and not _has_secret(kind, value):
            continue  # an empty credential whose identifiers are gone from the traits
        desired[kind] = CredentialData(kind, dict(value), identifiers, versions.get(kind, 0))
    return desired


# Column sizes: a longer value would be cut or refused by the database, so it is a 400 here.
_EXTERNAL_ID_LENGTH = Identity._meta.get_field("external_id").max_length or 255
_IDENTIFIER_LENGTH = CredentialIdentifier._meta.get_field("identifier").max_length or 512
_ADDRESS_LENGTH = VerifiableAddress._meta.get_field("value").max_length or 400


def check_storable(metadata_public: JSON, metadata_admin: JSON, external_id: JSON) -> None:
    """Raise :class:`InvalidIdentity` unless every database can store these values.

    :data:`UNSET` values are skipped. Traits, identifiers and credential configs are
    checked where they are planned (:func:`plan_write`, :func:`desired_credentials`).
    """
    for field, value in (("metadata_public", metadata_public), ("metadata_admin", metadata_admin)):
        if value is not UNSET:
            _check_text(field, value)
    if isinstance(external_id, str):
        _check_text("external_id", external_id)
        _check_length("external_id", external_id, _EXTERNAL_ID_LENGTH)


def _check_text(field: str, value: JSON) -> None:
    problem = storable.text_problem(value)
    if problem:
        raise InvalidIdentity(texts.FIELD_UNSTORABLE.format(field=field, problem=problem))


def _check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise InvalidIdentity(texts.FIELD_TOO_LONG.format(field=field, limit=limit))


def _has_secret(kind: str, value: Mapping[str, JSON]) -> bool:
    if kind == CredentialsType.CODE:
        return False
    return any(v not in (None, "", [], {}, False) for v in value.values())


def _locked(identity_id: uuid.UUID | str) -> Identity:
    try:
        return Identity.objects.select_for_update().get(pk=identity_id)
    except (Identity.DoesNotExist, ValueError, ValidationError) as err:
        raise IdentityNotFound() from err  # an unparsable id is "not found", as in Kratos


def check_state(state: str) -> None:
    """Raise :class:`InvalidIdentity` unless ``state`` is a known identity state."""
    if state not in IdentityState.values:
        raise InvalidIdentity(texts.IDENTITY_STATE_INVALID)


_LOCK_RETRIES = 50


def _atomically(work: Callable[[], T]) -> T:
    """Run ``work`` in a savepoint; unique violations become :class:`IdentityConflict`.

    SQLite reports a concurrent writer as "database is locked" instead of waiting; such
    attempts are retried briefly (only outside an enclosing transaction).
    """
    for attempt in range(_LOCK_RETRIES):
        try:
            with transaction.atomic():
                return work()
        except IntegrityError as err:
            raise IdentityConflict() from err
        except OperationalError as err:
            if not _retryable(err) or attempt == _LOCK_RETRIES - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _retryable(err: OperationalError) -> bool:
    return (
        connection.vendor == "sqlite"
        and not connection.in_atomic_block
        and "locked" in str(err).lower()
    )
