"""Wire shapes of api.json's ``identity``, ``identityCredentials``,
``verifiableIdentityAddress``, ``recoveryIdentityAddress`` and ``identitySchemaContainer``.

As in Kratos, empty address lists, an unset ``state_changed_at`` and an unset
``external_id`` are left out; ``metadata_public`` and ``organization_id`` are always present
(``null`` when unset). Credentials appear only when asked for, and then without their
config unless the type is listed in ``credential_config`` — and even then every secret
(hashes, TOTP URLs, recovery codes, tokens, key material) is removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from kratos_auth.identity.credentials import public_config
from kratos_auth.identity.models import Credential, Identity, RecoveryAddress, VerifiableAddress
from kratos_auth.identity.queries import credential_config, credentials_of, identifiers_of
from kratos_auth.schema import IdentitySchema, schema_url

JSON = Any


def format_time(value: dt.datetime) -> str:
    """RFC 3339 in UTC with ``Z``, fractional seconds trimmed (Go's ``RFC3339Nano``)."""
    value = value.astimezone(dt.UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + "Z"


def serialize_identity(
    identity: Identity,
    *,
    include_credentials: bool = False,
    credential_config: Collection[str] = (),
    include_metadata_admin: bool = False,
) -> dict[str, JSON]:
    """api.json ``identity``.

    ``include_credentials`` adds ``credentials`` (type, identifiers, version, timestamps);
    ``credential_config`` names the types whose secret-free config is added too
    (``include_credential=`` of the admin API); ``include_metadata_admin`` adds
    ``metadata_admin`` (admin API only; never for the identity itself).
    """
    body: dict[str, JSON] = {"id": str(identity.id)}
    if include_credentials:
        body["credentials"] = {
            kind: serialize_credential(credential, include_config=kind in credential_config)
            for kind, credential in sorted(credentials_of(identity).items())
        }
    body["schema_id"] = identity.schema_id
    body["schema_url"] = schema_url(identity.schema_id)
    body["state"] = identity.state
    if identity.state_changed_at is not None:
        body["state_changed_at"] = format_time(identity.state_changed_at)
    body["traits"] = identity.traits
    verifiable = [serialize_verifiable_address(a) for a in identity.verifiable_addresses.all()]
    if verifiable:
        body["verifiable_addresses"] = verifiable
    recovery = [serialize_recovery_address(a) for a in identity.recovery_addresses.all()]
    if recovery:
        body["recovery_addresses"] = recovery
    body["metadata_public"] = identity.metadata_public
    if include_metadata_admin:
        body["metadata_admin"] = identity.metadata_admin
    body["created_at"] = format_time(identity.created_at)
    body["updated_at"] = format_time(identity.updated_at)
    body["organization_id"] = None
    if identity.external_id:
        body["external_id"] = identity.external_id
    return body


def serialize_credential(
    credential: Credential, *, include_config: bool = False
) -> dict[str, JSON]:
    """api.json ``identityCredentials``; ``config`` only on request, never with secrets."""
    body: dict[str, JSON] = {
        "type": credential.type,
        "identifiers": identifiers_of(credential),
    }
    if include_config:
        body["config"] = public_config(credential.type, credential_config(credential))
    body["version"] = credential.version
    body["created_at"] = format_time(credential.created_at)
    body["updated_at"] = format_time(credential.updated_at)
    return body


def serialize_verifiable_address(address: VerifiableAddress) -> dict[str, JSON]:
    """api.json ``verifiableIdentityAddress``."""
    body: dict[str, JSON] = {
        "id": str(address.id),
        "value": address.value,
        "verified": address.verified,
        "via": address.via,
        "status": address.status,
    }
    if address.verified_at is not None:
        body["verified_at"] = format_time(address.verified_at)
    body["created_at"] = format_time(address.created_at)
    body["updated_at"] = format_time(address.updated_at)
    return body


def serialize_recovery_address(address: RecoveryAddress) -> dict[str, JSON]:
    """api.json ``recoveryIdentityAddress``."""
    return {
        "id": str(address.id),
        "value": address.value,
        "via": address.via,
        "created_at": format_time(address.created_at),
        "updated_at": format_time(address.updated_at),
    }


def serialize_schema_container(schema: IdentitySchema) -> dict[str, JSON]:
    """api.json ``identitySchemaContainer`` (``GET /schemas``)."""
    return {"id": schema.id, "schema": schema.document}
