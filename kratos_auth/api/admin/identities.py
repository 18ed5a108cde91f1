"""The identity admin API (api.json tag ``identity``), one function per operationId.

Views parse, call one service or query, serialize. Bodies come from
:mod:`kratos_auth.api.serializers.identity_requests`; responses from
:mod:`kratos_auth.api.serializers.identity`. Writes go through
:mod:`kratos_auth.identity.service`, which validates and writes atomically, so a failing
request changes nothing.
"""

from __future__ import annotations

from django.http import QueryDict
from rest_framework.request import Request
from rest_framework.response import Response

from kratos_auth.api.admin import params
from kratos_auth.api.admin.base import self_url
from kratos_auth.api.admin.jsonpatch import apply_patch
from kratos_auth.api.admin.trail import note_details, note_target
from kratos_auth.api.pagination import PageRequest, Paginator, pagination_headers
from kratos_auth.api.serializers.identity import serialize_identity
from kratos_auth.api.serializers.identity_requests import (
    PATCH_PROTECTED_PATHS,
    parse_create_body,
    parse_patched_identity,
    parse_update_body,
)
from kratos_auth.audit import privacy
from kratos_auth.audit.service import TARGET_IDENTITY
from kratos_auth.errors import BadRequest
from kratos_auth.identity import queries, service
from kratos_auth.identity.models import Identity
from kratos_auth.text import admin as text

# api.json's enum of credentials types (include_credential, deleteIdentityCredentials).
CREDENTIAL_TYPES = frozenset(
    {
        "password",
        "oidc",
        "totp",
        "lookup_secret",
        "webauthn",
        "code",
        "passkey",
        "profile",
        "saml",
        "deviceauthn",
        "identifier_first",
        "link_recovery",
        "code_recovery",
    }
)
MAX_IDS = 500
SCOPE = "identities"
_paginator = Paginator(SCOPE, legacy_pages=True)
_CONSISTENCY = frozenset({"", "strong", "eventual"})


def _admin_body(identity: Identity, include: list[str] | tuple = ()) -> dict:
    """Kratos's admin shape: credentials (config only for ``include``) and metadata_admin."""
    return serialize_identity(
        identity,
        include_credentials=True,
        credential_config=include,
        include_metadata_admin=True,
    )


def _filters(query: QueryDict) -> queries.IdentityFilter:
    """The list filters of ``query``; 400 for bad values or both identifier filters."""
    if query.get("consistency", "") not in _CONSISTENCY:
        name, value = "consistency", query.get("consistency", "")
        raise BadRequest(text.INVALID_PARAMETER.format(value=value[:64], name=name))
    exact = params.parse_text(query, "credentials_identifier")
    similar = params.parse_text(query, "preview_credentials_identifier_similar")
    if exact and similar:
        raise BadRequest(text.BOTH_IDENTIFIER_FILTERS)
    if query.get("organization_id"):
        params.parse_uuid(query["organization_id"], "organization_id")
    ids = query.getlist("ids")
    if len(ids) > MAX_IDS:
        raise BadRequest(text.TOO_MANY_IDS.format(limit=MAX_IDS))
    return queries.IdentityFilter(
        ids=tuple(str(params.parse_uuid(value, "ids")) for value in ids) or None,
        credentials_identifier=exact,
        identifier_prefix=similar,
        organization_id=query.get("organization_id") or None,
    )


def list_identities(request: Request) -> Response:
    """``GET /admin/identities``: keyset pages ordered by id, or the ``ids`` asked for.

    As in Kratos, ``ids`` (at most 500) come on one page; the deprecated ``page`` and
    ``per_page`` select offset pages over the first 1,000 identities.
    """
    query = request.query_params
    include = params.parse_choices(query, "include_credential", CREDENTIAL_TYPES)
    found = _filters(query)
    page_request = _paginator.parse(query)
    if found.ids:
        page_request = PageRequest(MAX_IDS)
    page = _paginator.page(queries.identities(found), page_request)
    used = sorted(k for k in _FILTER_NAMES if query.get(k))
    note_details(request._request, filters=used, count=len(page.items))
    for identity in page.items if used else ():
        note_target(request._request, TARGET_IDENTITY, identity.id)
    headers = pagination_headers(self_url(request, "/admin/identities"), query, page)
    return Response([_admin_body(i, include) for i in page.items], headers=headers)


_FILTER_NAMES = ("ids", "credentials_identifier", "preview_credentials_identifier_similar")


def get_identity(request: Request, id: str) -> Response:  # noqa: A002 - Kratos's name
    """``GET /admin/identities/{id}``."""
    include = params.parse_choices(request.query_params, "include_credential", CREDENTIAL_TYPES)
    note_target(request._request, TARGET_IDENTITY, id)
    identity = queries.get_identity(id)
    return Response(_admin_body(identity, include))


def get_identity_by_external_id(request: Request, external_id: str) -> Response:
    """``GET /admin/identities/by/external/{externalID}``."""
    include = params.parse_choices(request.query_params, "include_credential", CREDENTIAL_TYPES)
    identity = queries.get_identity_by_external_id(external_id)
    note_target(request._request, TARGET_IDENTITY, identity.id)
    return Response(_admin_body(identity, include))


def create_identity(request: Request) -> Response:
    """``POST /admin/identities``: create, importing credentials (hashes or passwords)."""
    kwargs = parse_create_body(params.read_json_object(request))
    identity = service.create_identity(**kwargs)
    note_target(request._request, TARGET_IDENTITY, identity.id)
    location = self_url(request, f"/admin/identities/{identity.id}")
    body = _admin_body(queries.get_identity(identity.id))
    return Response(body, status=201, headers={"Location": location})


def update_identity(request: Request, id: str) -> Response:  # noqa: A002
    """``PUT /admin/identities/{id}``: replace traits, state, metadata; import credentials."""
    note_target(request._request, TARGET_IDENTITY, id)
    kwargs = parse_update_body(params.read_json_object(request))
    identity = service.update_identity(queries.get_identity(id), **kwargs)
    return Response(_admin_body(queries.get_identity(identity.id)))


def patch_identity(request: Request, id: str) -> Response:  # noqa: A002
    """``PATCH /admin/identities/{id}``: RFC 6902 on the identity document."""
    note_target(request._request, TARGET_IDENTITY, id)
    operations = params.read_json_array(request)
    identity = queries.get_identity(id)
    before = serialize_identity(identity, include_metadata_admin=True)
    after = apply_patch(before, operations, protected=PATCH_PROTECTED_PATHS)
    changes = parse_patched_identity(before, after)
    note_details(request._request, fields=sorted(changes))
    if changes:
        identity = service.update_identity(identity, **changes)
    return Response(_admin_body(queries.get_identity(identity.id)))


def delete_identity(request: Request, id: str) -> Response:  # noqa: A002
    """``DELETE /admin/identities/{id}``: the identity and everything held about it."""
    identity = queries.get_identity(id)
    erased = privacy.erase_identity(identity)
    note_target(request._request, TARGET_IDENTITY, erased.identity_id)
    note_details(
        request._request,
        courier_messages=erased.courier_messages,
        audit_entries=erased.audit_entries,
        one_time_secrets=erased.one_time_secrets,
    )
    return Response(status=204)
