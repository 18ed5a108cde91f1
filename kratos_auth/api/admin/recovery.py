"""``POST /admin/recovery/code`` and ``POST /admin/recovery/link``: an administrator makes
a recovery code or link for an identity (the recovery flow's services do the work).

The answer holds a secret (code or token): it is sent with ``Cache-Control: no-store`` and
kept out of the audit log, which records only who asked for which identity.
"""

from __future__ import annotations

from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response

from kratos_auth.api.admin import params
from kratos_auth.api.admin.base import route
from kratos_auth.api.admin.trail import note_target
from kratos_auth.api.serializers.recovery import (
    parse_code_body,
    parse_link_body,
    serialize_code,
    serialize_link,
)
from kratos_auth.audit.service import TARGET_IDENTITY
from kratos_auth.selfservice.strategies.code import admin as code_admin
from kratos_auth.selfservice.strategies.link import admin as link_admin

NO_STORE = {"Cache-Control": "private, no-store"}


def create_recovery_code_for_identity(request: Request) -> Response:
    body = parse_code_body(params.read_json_object(request))
    identity_id = params.parse_uuid(body.pop("identity_id"), "identity_id")
    note_target(request._request, TARGET_IDENTITY, identity_id)
    result = code_admin.create_recovery_code_for_identity(identity_id, **body)
    return Response(serialize_code(result), status=201, headers=NO_STORE)


def create_recovery_link_for_identity(request: Request) -> Response:
    body = parse_link_body(params.read_json_object(request))
    identity_id = params.parse_uuid(body.pop("identity_id"), "identity_id")
    note_target(request._request, TARGET_IDENTITY, identity_id)
    return_to = request.query_params.get("return_to", "")
    result = link_admin.create_recovery_link_for_identity(identity_id, return_to=return_to, **body)
    return Response(serialize_link(result), headers=NO_STORE)


urlpatterns = [
    path(
        "admin/recovery/code",
        route(post=create_recovery_code_for_identity).as_view(),
        name="recovery_code",
    ),
    path(
        "admin/recovery/link",
        route(post=create_recovery_link_for_identity).as_view(),
        name="recovery_link",
    ),
]
