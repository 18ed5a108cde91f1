"""Reads of identities, credentials and addresses (writes live in ``service``).

Lookups by identifier or address normalise their input exactly as the services normalise
what they store (:mod:`kratos_auth.schema.normalize`), so ``Foo@Example.COM`` finds the
identity registered as ``foo@example.com``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from kratos_auth.core import storable
from kratos_auth.identity.errors import IdentityNotFound
from kratos_auth.identity.models import (
    Credential,
    CredentialIdentifier,
    CredentialsType,
    Identity,
    RecoveryAddress,
    VerifiableAddress,
)
from kratos_auth.identity.sync import load_config
from kratos_auth.schema import normalize_address, normalize_code_identifier, normalize_identifier

JSON = Any
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class IdentityCredential:
    """An identity found by one of its identifiers, with the matching credential."""

    identity: Identity
    credential: Credential

    @property
    def config(self) -> dict[str, JSON]:
        return credential_config(self.credential)


@dataclass(frozen=True)
class IdentityPage:
    """One page of identities; ``next_after`` is the id to continue after (``None``: last)."""

    identities: list[Identity]
    next_after: uuid.UUID | None


def with_related(queryset: QuerySet[Identity] | None = None) -> QuerySet[Identity]:
    """Identities with credentials, identifiers and addresses prefetched."""
    queryset = Identity.objects.all() if queryset is None else queryset
    return queryset.prefetch_related(
        Prefetch(
            "credentials",
            queryset=Credential.objects.order_by("type").prefetch_related(
                Prefetch(
                    "identifier_rows", queryset=CredentialIdentifier.objects.order_by("identifier")
                )
            ),
        ),
        "verifiable_addresses",
        "recovery_addresses",
    )


def get_identity(identity_id: uuid.UUID | str) -> Identity:
    """The identity ``identity_id`` with its relations. Raises :class:`IdentityNotFound`."""
    parsed = _uuid(identity_id)
    identity = with_related().filter(pk=parsed).first() if parsed else None
    if identity is None:
        raise IdentityNotFound()
    return identity


def get_identity_by_external_id(external_id: str) -> Identity:
    """The identity with this ``external_id``. Raises :class:`IdentityNotFound`."""
    storable_id = external_id and not storable.text_problem(external_id)
    identity = with_related().filter(external_id=external_id).first() if storable_id else None
    if identity is None:
        raise IdentityNotFound()
    return identity


def find_by_identifier(
    credentials_type: str, identifier: str, *, via: str | None = None
) -> IdentityCredential | None:
    """The identity whose ``credentials_type`` credential has ``identifier``, or ``None``.

    ``identifier`` is what the user typed; it is normalised first (``via`` picks the
    phone rule for ``code`` identifiers sent by SMS).
    """
    if credentials_type == CredentialsType.CODE:
        normalized = normalize_code_identifier(identifier, via)
    else:
        normalized = normalize_identifier(identifier)
    if not normalized:
        return None
    row = (
        CredentialIdentifier.objects.select_related("credential")
        .filter(type=credentials_type, identifier=normalized)
        .first()
    )
    if row is None:
        return None
    return IdentityCredential(get_identity(row.credential.identity_id), row.credential)


@dataclass(frozen=True)
class IdentityFilter:
    """Filters of ``listIdentities``; every one given must hold (they combine with AND).

    ``credentials_identifier`` matches an identifier exactly (normalised, any credentials
    type); ``identifier_prefix`` is Kratos's ``preview_credentials_identifier_similar``:
    identifiers of password, code, WebAuthn and OIDC credentials that start with it.
    """

    ids: tuple[str, ...] | None = None
    credentials_identifier: str | None = None
    identifier_prefix: str | None = None
    organization_id: str | None = None


# Kratos (identity persister): the credentials types its similarity search looks at.
_SIMILAR_TYPES = (
    CredentialsType.PASSWORD,
    CredentialsType.CODE,
    CredentialsType.WEBAUTHN,
    CredentialsType.OIDC,
)


def identities(found: IdentityFilter = IdentityFilter()) -> QuerySet[Identity]:
    """Identities matching ``found``, related rows prefetched, not yet ordered or sliced."""
    queryset = Identity.objects.all()
    if found.organization_id:
        queryset = queryset.none()  # no identity belongs to an (Ory Network) organization
    if found.ids is not None:
        queryset = queryset.filter(pk__in=[p for p in map(_uuid, found.ids) if p])
    if found.credentials_identifier:
        exact = found.credentials_identifier
        matching = CredentialIdentifier.objects.filter(
            identifier__in={normalize_identifier(exact), exact}
        )
        queryset = queryset.filter(credentials__identifier_rows__in=matching)
    if found.identifier_prefix:
        prefix = found.identifier_prefix
        matching = CredentialIdentifier.objects.filter(type__in=_SIMILAR_TYPES).filter(
            Q(identifier__startswith=normalize_identifier(prefix))
            | Q(type=CredentialsType.OIDC, identifier__startswith=prefix)
        )
        queryset = queryset.filter(credentials__identifier_rows__in=matching)
    if found.credentials_identifier or found.identifier_prefix:
        queryset = queryset.distinct()
    return with_related(queryset)


def list_identities(
    *,
    page_size: int = 250,
    after: uuid.UUID | str | None = None,
    ids: Iterable[str] | None = None,
    credentials_identifier: str | None = None,
) -> IdentityPage:
    """A page of identities ordered by id (keyset pagination, like Kratos).

    ``ids`` restricts to those ids; ``credentials_identifier`` to identities with that
    identifier (normalised, any credentials type).
    """
    size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    found = IdentityFilter(
        ids=None if ids is None else tuple(str(i) for i in ids),
        credentials_identifier=credentials_identifier,
    )
    queryset = identities(found).order_by("id")
    cursor = _uuid(after) if after else None
    if cursor:
        queryset = queryset.filter(pk__gt=cursor)
    rows = list(queryset[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return IdentityPage(rows, rows[-1].pk if more else None)


def credentials_of(identity: Identity) -> dict[str, Credential]:
    """The identity's credentials by type (uses prefetched rows when present)."""
    return {credential.type: credential for credential in identity.credentials.all()}


def identifiers_of(credential: Credential) -> list[str]:
    """A credential's identifiers, sorted (uses prefetched rows when present)."""
    return sorted(row.identifier for row in credential.identifier_rows.all())


def credential_config(credential: Credential) -> dict[str, JSON]:
    """A credential's decrypted Kratos-shaped config. Keep it on the server."""
    return load_config(credential.config)


def find_verifiable_address(via: str, value: str) -> VerifiableAddress | None:
    """The verifiable address ``value`` (normalised for ``via``), or ``None``."""
    normalized = normalize_address(value, via)
    return (
        VerifiableAddress.objects.select_related("identity")
        .filter(via=via, value=normalized)
        .first()
    )


def find_recovery_address(via: str, value: str) -> RecoveryAddress | None:
    """The recovery address ``value`` (normalised for ``via``), or ``None``."""
    normalized = normalize_address(value, via)
    return (
        RecoveryAddress.objects.select_related("identity").filter(via=via, value=normalized).first()
    )


def _uuid(value: uuid.UUID | str | None) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None
