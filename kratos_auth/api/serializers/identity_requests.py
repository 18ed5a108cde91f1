"""Request bodies of the identity admin API: api.json's ``createIdentityBody``,
``updateIdentityBody`` and ``patchIdentitiesBody``, checked like Kratos's strict decoder
(unknown fields and wrong types are a 400 naming the field) and turned into keyword
arguments for :mod:`kratos_auth.identity.service`.

The nested ``credentials`` and address lists are checked by the service (``identity.imports``).
"""

from __future__ import annotations

from typing import Any

from kratos_auth.errors import BadRequest
from kratos_auth.identity import imports
from kratos_auth.text import admin as text
from kratos_auth.text import identity as identity_text

JSON = Any

_GO_TYPES = {str: "string", dict: "object", list: "array", bool: "bool"}
_CREATE_FIELDS = frozenset(
    {
        "schema_id",
        "traits",
        "credentials",
        "verifiable_addresses",
        "recovery_addresses",
        "metadata_public",
        "metadata_admin",
        "state",
        "external_id",
        "organization_id",
        "region",
    }
)
_UPDATE_FIELDS = frozenset(
    {
        "schema_id",
        "traits",
        "credentials",
        "metadata_public",
        "metadata_admin",
        "state",
        "external_id",
        "region",
    }
)


def _json_kind(value: JSON) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return _GO_TYPES.get(type(value), "value")


def _expect(body: dict[str, JSON], field: str, kind: type, struct: str, nullable: bool) -> None:
    value = body.get(field)
    if field not in body or isinstance(value, kind) or (value is None and nullable):
        return
    raise BadRequest(
        text.FIELD_TYPE.format(
            actual=_json_kind(value), struct=struct, field=field, expected=_GO_TYPES[kind]
        )
    )


def _check(body: JSON, allowed: frozenset[str], struct: str) -> dict[str, JSON]:
    if not isinstance(body, dict):
        raise BadRequest(text.BODY_NOT_OBJECT)
    for name in body:
        if name not in allowed:
            raise BadRequest(identity_text.JSON_UNKNOWN_FIELD.format(name=str(name)[:100]))
    for field, kind, nullable in (
        ("schema_id", str, True),
        ("state", str, True),
        ("external_id", str, True),
        ("region", str, True),
        ("traits", dict, True),
        ("credentials", dict, True),
        ("verifiable_addresses", list, True),
        ("recovery_addresses", list, True),
    ):
        _expect(body, field, kind, struct, nullable)
    if body.get("organization_id") is not None:
        raise BadRequest(text.ORGANIZATIONS_UNSUPPORTED)
    return body


def parse_create_body(body: JSON) -> dict[str, JSON]:
    """``createIdentityBody`` → keyword arguments of ``service.create_identity``.

    ``region`` (Ory Network only) is accepted and ignored, as Kratos does on its own.
    """
    body = _check(body, _CREATE_FIELDS, "CreateIdentityBody")
    kwargs: dict[str, JSON] = {
        "traits": body.get("traits"),
        "schema_id": body.get("schema_id") or None,
        "metadata_public": body.get("metadata_public"),
        "metadata_admin": body.get("metadata_admin"),
        "external_id": body.get("external_id") or None,
        "credentials": body.get("credentials"),
        "verifiable_addresses": body.get("verifiable_addresses"),
        "recovery_addresses": body.get("recovery_addresses"),
    }
    if body.get("state"):
        kwargs["state"] = body["state"]
    return kwargs


def parse_update_body(body: JSON) -> dict[str, JSON]:
    """``updateIdentityBody`` (PUT) → keyword arguments of ``service.update_identity``.

    As in Kratos: ``traits`` and both metadata fields are replaced (absent metadata is
    cleared); an empty ``schema_id`` or ``state`` keeps the stored one; credentials are
    imported into the given types only. An absent ``external_id`` keeps the stored one.
    """
    body = _check(body, _UPDATE_FIELDS, "UpdateIdentityBody")
    if "traits" not in body:
        raise BadRequest(text.FIELD_REQUIRED.format(field="traits"))
    kwargs: dict[str, JSON] = {
        "traits": body.get("traits"),
        "metadata_public": body.get("metadata_public"),
        "metadata_admin": body.get("metadata_admin"),
        "credentials": body.get("credentials"),
    }
    if body.get("schema_id"):
        kwargs["schema_id"] = body["schema_id"]
    if body.get("state"):
        kwargs["state"] = body["state"]
    if "external_id" in body:
        kwargs["external_id"] = body["external_id"] or None
    return kwargs


def has_plaintext_password(body: JSON) -> bool:
    """Whether a ``createIdentityBody`` imports a clear-text password (slow to hash)."""
    try:
        return bool(body["credentials"]["password"]["config"]["password"])
    except (KeyError, TypeError):
        return False


# The identity fields a JSON Patch may change, and the service argument each maps to.
PATCHABLE_FIELDS = (
    "schema_id",
    "traits",
    "state",
    "metadata_public",
    "metadata_admin",
    "external_id",
)
# The address lists may be patched too; they follow the traits (see parse_patched_identity).
_ADDRESS_FIELDS = ("verifiable_addresses", "recovery_addresses")
# Everything else in the identity document is read-only for a patch.
PATCH_PROTECTED_PATHS = (
    "/id",
    "/credentials",
    "/schema_url",
    "/state_changed_at",
    "/created_at",
    "/updated_at",
    "/organization_id",
)
_VERIFICATION_FIELDS = ("verified", "status", "verified_at")


def parse_patched_identity(before: dict[str, JSON], after: JSON) -> dict[str, JSON]:
    """The changed fields of a patched identity document → ``update_identity`` kwargs.

    As in Kratos, the address lists are recomputed from the traits: a patched
    ``verifiable_addresses`` entry restates the verification (``verified``, ``status``,
    ``verified_at``) of the address the traits declare with that ``via`` and ``value``;
    flipping ``verified`` alone also moves ``status`` and ``verified_at`` along; an entry
    removed from the list makes its address unverified. Recovery addresses have nothing
    but their value, which the traits decide: their entries are only checked for shape.
    """
    if not isinstance(after, dict):
        raise BadRequest(text.BODY_NOT_OBJECT)
    for name in set(after) - set(before) - set(PATCHABLE_FIELDS):
        raise BadRequest(identity_text.JSON_UNKNOWN_FIELD.format(name=str(name)[:100]))
    watched = (*PATCHABLE_FIELDS, *_ADDRESS_FIELDS)
    changed = {
        field: after.get(field) for field in watched if after.get(field) != before.get(field)
    }
    _check(changed, frozenset(watched), "Identity")
    for field in ("schema_id", "state"):
        if field in changed and not changed[field]:
            raise BadRequest(text.FIELD_REQUIRED.format(field=field))
    if "external_id" in changed:
        changed["external_id"] = changed["external_id"] or None
    if "recovery_addresses" in changed:
        imports.parse_addresses(changed.pop("recovery_addresses"), "recovery")
    if "verifiable_addresses" in changed:
        changed["verifiable_addresses"] = _verification_changes(
            before.get("verifiable_addresses") or [], changed["verifiable_addresses"] or []
        )
    return changed


def _verification_changes(before: list[JSON], after: list[JSON]) -> tuple[JSON, ...]:
    """The verifiable addresses whose verification a patch changed, parsed (400 if bad)."""
    imports.parse_addresses(after, "verifiable")  # every entry's shape, before anything else
    previous = {(old["via"], old["value"]): old for old in before}
    changes = []
    for entry in after:
        old = previous.pop((entry.get("via"), entry.get("value")), None)
        if old is None:
            changes.append(entry)
        elif any(entry.get(k) != old.get(k) for k in _VERIFICATION_FIELDS):
            changes.append(_follow_verified(entry, old))
    for old in previous.values():  # gone from the list: unverified again, as in Kratos
        changes.append({"via": old["via"], "value": old["value"], "verified": False})
    return imports.parse_addresses(changes, "verifiable")


def _follow_verified(entry: dict[str, JSON], old: dict[str, JSON]) -> dict[str, JSON]:
    """``entry`` with ``status``/``verified_at`` following a flipped ``verified``."""
    if entry.get("verified") == old.get("verified"):
        return entry
    entry = dict(entry)
    if entry.get("status") == old.get("status"):
        entry["status"] = "completed" if entry.get("verified") else "pending"
    if entry.get("verified_at") == old.get("verified_at"):
        entry["verified_at"] = None  # parse_addresses stamps "now" on a verified address
    return entry
