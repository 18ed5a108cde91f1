"""``PATCH /admin/identities`` (batchPatchIdentities): create many identities at once.

Like Kratos: up to 1,000 identities per request with pre-hashed passwords, 200 when any
carries a clear-text password (hashing is slow). Items are validated one by one and the
valid ones bulk-inserted (:mod:`kratos_auth.identity.batch`), so a failing item (bad
traits, conflict, bad hash) is reported in its slot and neither rolls back nor corrupts
the others. The answer is 200 with one result
per item when at least one was created; when all fail it is the error of the first item
(409 if every item conflicted, else 400), as Kratos answers.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from kratos_auth.api.admin import params
from kratos_auth.api.admin.trail import note_details, note_target
from kratos_auth.api.serializers.identity_requests import has_plaintext_password, parse_create_body
from kratos_auth.audit.service import TARGET_IDENTITY
from kratos_auth.errors import BadRequest, Conflict, KratosError
from kratos_auth.identity import batch
from kratos_auth.text import admin as text

JSON = Any
MAX_BATCH = 1000
MAX_BATCH_PLAINTEXT = 200


def _items(body: dict[str, JSON]) -> list[JSON]:
    items = body.get("identities")
    if items is None:
        return []
    if not isinstance(items, list):
        raise BadRequest(text.BATCH_ITEM_INVALID)
    if len(items) > MAX_BATCH:
        raise BadRequest(text.BATCH_TOO_LARGE.format(limit=MAX_BATCH))
    plaintext = any(isinstance(i, dict) and has_plaintext_password(i.get("create")) for i in items)
    if plaintext and len(items) > MAX_BATCH_PLAINTEXT:
        raise BadRequest(
            text.BATCH_TOO_LARGE_PLAINTEXT.format(limit=MAX_BATCH_PLAINTEXT, hashed_limit=MAX_BATCH)
        )
    return items


def _patch_id(item: JSON) -> str | None:
    value = item.get("patch_id") if isinstance(item, dict) else None
    return str(params.parse_uuid(value, "patch_id")) if value is not None else None


def _parse(item: JSON) -> tuple[dict[str, JSON], dict[str, JSON] | KratosError]:
    """The item's ``patch_id`` slot and its ``create_identity`` arguments (or its error)."""
    result: dict[str, JSON] = {}
    try:
        patch_id = _patch_id(item)
        if patch_id:
            result["patch_id"] = patch_id
        if not isinstance(item, dict) or not isinstance(item.get("create"), dict):
            raise BadRequest(text.BATCH_ITEM_INVALID)
        return result, parse_create_body(item["create"])
    except KratosError as err:
        return result, err


def create_all(items: list[JSON]) -> list[dict[str, JSON]]:
    """One ``identityPatchResponse`` per item: ``create`` with the new id, or ``error``."""
    parsed = [_parse(item) for item in items]
    valid = [kwargs for _, kwargs in parsed if not isinstance(kwargs, KratosError)]
    created = iter(batch.create_identities(valid))
    results = []
    for slot, kwargs in parsed:
        outcome = kwargs if isinstance(kwargs, KratosError) else next(created)
        if isinstance(outcome, KratosError):
            results.append({"action": "error", **slot, "error": outcome.to_body()["error"]})
        else:
            results.append({"action": "create", "identity": str(outcome.id), **slot})
    return results


def _all_failed(results: list[dict[str, JSON]]) -> Response:
    errors = [r["error"] for r in results]
    status = 409 if all(e["code"] == Conflict.status for e in errors) else errors[0]["code"]
    return Response({"error": errors[0]}, status=status)


def batch_patch_identities(request: Request) -> Response:
    # Strings are checked per item by the identity service, so one bad item fails alone.
    body = params.read_json_object(request, limit=params.BATCH_BODY_LIMIT, check_strings=False)
    items = _items(body)
    results = create_all(items)
    created = [r["identity"] for r in results if r["action"] == "create"]
    for identity_id in created:
        note_target(request._request, TARGET_IDENTITY, identity_id)
    note_details(request._request, created=len(created), failed=len(results) - len(created))
    if results and not created:
        return _all_failed(results)
    return Response({"identities": results})
