"""``GET /schemas`` and ``GET /schemas/{id}`` (listIdentitySchemas, getIdentitySchema).

Served on both surfaces, like Kratos. ``{id}`` is the schema id or its base64url form (the
form used in identities' ``schema_url``). The list keeps the configuration order and is
paginated with ``page_size``/``page_token``.
"""

from __future__ import annotations

from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response

from kratos_auth.api.admin.base import KratosAPIView, route, self_url
from kratos_auth.api.admin.trail import note_target
from kratos_auth.api.pagination import Paginator, pagination_headers
from kratos_auth.api.serializers.identity import serialize_schema_container
from kratos_auth.audit.service import TARGET_SCHEMA
from kratos_auth.schema.store import find_schema, list_schemas

_paginator = Paginator("identity_schemas", legacy_pages=True)


def list_identity_schemas(request: Request) -> Response:
    page_request = _paginator.parse(request.query_params)
    numbered = list(enumerate(list_schemas()))
    page = _paginator.page_sequence(numbered, page_request, key=lambda pair: pair[0])
    body = [serialize_schema_container(schema) for _, schema in page.items]
    headers = pagination_headers(self_url(request, "/schemas"), request.query_params, page)
    return Response(body, headers=headers)


def get_identity_schema(request: Request, id: str) -> Response:  # noqa: A002 - Kratos's name
    schema = find_schema(id)
    note_target(request._request, TARGET_SCHEMA, schema.id)
    return Response(schema.document)


urlpatterns = [
    path("schemas", route(KratosAPIView, get=list_identity_schemas).as_view(), name="schemas"),
    path(
        "schemas/<str:id>",
        route(KratosAPIView, get=get_identity_schema).as_view(),
        name="schema",
    ),
]
