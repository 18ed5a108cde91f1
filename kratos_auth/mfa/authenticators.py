"""Stored WebAuthn keys in Kratos's credential config shape, and their sign counters.

One entry of ``{"credentials": [...], "user_handle": "<base64>"}`` (``webauthn`` and
``passkey`` credentials; binary values in standard base64, as Go encodes ``[]byte``)::

    {"id": "...", "public_key": "...", "attestation_type": "none",
     "authenticator": {"aaguid": "...", "sign_count": 0, "clone_warning": false},
     "display_name": "...", "added_at": "2024-...Z", "is_passwordless": false,
     "flags": {"user_present": true, "user_verified": false, ...}}

The whole config is encrypted at rest (``Credential.config``). After a login the new sign
counter is written under a row lock; a counter that does not move forward (while either side
is non-zero) is refused as a possible cloned authenticator and logged — Kratos only records
``clone_warning``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from kratos_auth.core import clock
from kratos_auth.identity import service as identity_service
from kratos_auth.identity.credentials import is_first_factor
from kratos_auth.identity.models import Credential
from kratos_auth.identity.sync import load_config, stored_credentials
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.mfa.ceremonies import (
    Asserted,
    Candidate,
    Registered,
    WebAuthnFailed,
    from_std_b64,
    std_b64,
)

JSON = Any


class CloneSuspected(WebAuthnFailed):
    """The authenticator's sign counter went backwards (or stood still)."""


def entries(config: Mapping[str, JSON] | None) -> list[dict[str, JSON]]:
    raw = (config or {}).get("credentials")
    return [dict(c) for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []


def entry(
    registered: Registered, *, display_name: str, passwordless: bool, now: dt.datetime
) -> dict[str, JSON]:
    """A freshly registered key as Kratos stores it."""
    return {
        "id": std_b64(registered.credential_id),
        "public_key": std_b64(registered.public_key),
        "attestation_type": registered.attestation_type,
        "authenticator": {
            "aaguid": std_b64(registered.aaguid),
            "sign_count": registered.sign_count,
            "clone_warning": False,
        },
        "display_name": display_name,
        "added_at": now.astimezone(dt.UTC)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z"),
        "is_passwordless": passwordless,
        "flags": {
            "user_present": True,
            "user_verified": registered.user_verified,
            "backup_eligible": registered.backup_eligible,
            "backup_state": registered.backup_state,
        },
    }


def raw_id(item: Mapping[str, JSON]) -> bytes:
    return from_std_b64(item.get("id"))


def hex_id(item: Mapping[str, JSON]) -> str:
    """The value of a ``webauthn_remove``/``passkey_remove`` button (Kratos's ``%x``)."""
    return raw_id(item).hex()


def candidates(
    items: Sequence[Mapping[str, JSON]], *, passwordless: bool | None
) -> list[Candidate]:
    """Keys usable for a login: ``passwordless`` True/False filters as Kratos's
    ``ToWebAuthnFiltered`` (aal1 / aal2); ``None`` keeps them all."""
    found = []
    for item in items:
        if passwordless is not None and bool(item.get("is_passwordless")) != passwordless:
            continue
        key_id, public = raw_id(item), from_std_b64(item.get("public_key"))
        if key_id and public:
            found.append(Candidate(key_id, public, item))
    return found


def without(
    items: Sequence[Mapping[str, JSON]], removed_hex: str
) -> tuple[list[dict], dict | None]:
    """``items`` without the key whose hex id is ``removed_hex``, and that key (or None)."""
    kept, removed = [], None
    for item in items:
        if removed is None and removed_hex and hex_id(item) == removed_hex.lower():
            removed = dict(item)
        else:
            kept.append(dict(item))
    return kept, removed


def record_use(identity_id: object, credentials_type: str, asserted: Asserted) -> None:
    """Store the new sign counter of the key just used; raise :class:`CloneSuspected` when it
    did not move forward (the stored state gets ``clone_warning: true``)."""
    with transaction.atomic():
        row = (
            Credential.objects.select_for_update()
            .filter(identity_id=identity_id, type=credentials_type)
            .first()
        )
        if row is None:
            raise WebAuthnFailed("credential disappeared")
        config = load_config(row.config)
        items = entries(config)
        index = next((i for i, c in enumerate(items) if raw_id(c) == asserted.credential_id), None)
        if index is None:
            raise WebAuthnFailed("key disappeared")
        authenticator = dict(items[index].get("authenticator") or {})
        stored = int(authenticator.get("sign_count") or 0)
        clone = (asserted.sign_count > 0 or stored > 0) and asserted.sign_count <= stored
        if clone:
            authenticator["clone_warning"] = True
        else:
            authenticator["sign_count"] = asserted.sign_count
        items[index]["authenticator"] = authenticator
        flags = dict(items[index].get("flags") or {})
        flags.update(user_verified=asserted.user_verified, backup_state=asserted.backup_state)
        items[index]["flags"] = flags
        config["credentials"] = items
        row.config, row.updated_at = config, clock.now()
        row.save(update_fields=["config", "updated_at"])
    if clone:
        event(
            SecurityEvent.WEBAUTHN_CLONE_SUSPECTED,
            identity_id=identity_id,
            method=credentials_type,
            stored_sign_count=stored,
            received_sign_count=asserted.sign_count,
        )
        raise CloneSuspected("sign counter did not increase")


def first_factor_count(identity: Any) -> int:
    """How many credentials can sign the identity in on their own (Kratos's
    ``CountActiveFirstFactorCredentials``): the last one may not be removed."""
    options = identity_service.factor_options()
    return sum(1 for c in stored_credentials(identity).values() if is_first_factor(c, options))
