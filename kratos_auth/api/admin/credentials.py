"""``DELETE /admin/identities/{id}/credentials/{type}`` (deleteIdentityCredentials).

As Kratos: ``password``, ``totp`` and ``lookup_secret`` are removed whole; ``webauthn``
loses its second-factor keys (passwordless keys stay); ``oidc`` and ``saml`` lose the one
provider link named by ``?identifier=provider:subject``; ``passkey`` and ``code`` (and the
internal types) cannot be deleted here. The write goes through the identity service, so
identifiers and ``available_aal`` follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from kratos_auth.api.admin.identities import CREDENTIAL_TYPES
from kratos_auth.api.admin.trail import note_details, note_target
from kratos_auth.audit.service import TARGET_IDENTITY
from kratos_auth.errors import BadRequest
from kratos_auth.identity import queries, service
from kratos_auth.identity.credentials import provider_identifier
from kratos_auth.identity.errors import CredentialsNotFound
from kratos_auth.identity.models import CredentialsType
from kratos_auth.text import admin as admin_text
from kratos_auth.text import identity as text

JSON = Any
_WHOLE = (CredentialsType.PASSWORD, CredentialsType.TOTP, CredentialsType.LOOKUP_SECRET)
_PROVIDERS = (CredentialsType.OIDC, CredentialsType.SAML)


def remaining_config(kind: str, config: Mapping[str, JSON], identifier: str) -> JSON:
    """The config left after deleting ``kind`` (None: remove the credential). Raises 400."""
    if kind in _WHOLE:
        return None
    if kind == CredentialsType.WEBAUTHN:
        kept = [c for c in config.get("credentials") or [] if c.get("is_passwordless")]
        return {**config, "credentials": kept} if kept else None
    if kind in _PROVIDERS:
        if not identifier:
            raise BadRequest(text.CREDENTIALS_IDENTIFIER_REQUIRED)
        providers = list(config.get("providers") or [])
        kept = [
            p
            for p in providers
            if provider_identifier(str(p.get("provider")), str(p.get("subject"))) != identifier
        ]
        if len(kept) == len(providers):
            unknown = text.CREDENTIALS_IDENTIFIER_UNKNOWN.format(identifier=identifier[:200])
            raise BadRequest(unknown)
        return {**config, "providers": kept} if kept else None
    raise BadRequest(text.CREDENTIALS_NOT_DELETABLE.format(type=kind))


def delete_identity_credentials(request: Request, id: str, type: str) -> Response:  # noqa: A002
    note_target(request._request, TARGET_IDENTITY, id)
    note_details(request._request, credentials_type=type[:32])
    if type not in CREDENTIAL_TYPES:
        raise BadRequest(admin_text.INVALID_PARAMETER.format(value=type[:64], name="type"))
    identity = queries.get_identity(id)
    credential = queries.credentials_of(identity).get(type)
    if credential is None:
        raise CredentialsNotFound(type)
    identifier = request.query_params.get("identifier", "")
    config = remaining_config(type, queries.credential_config(credential), identifier)
    service.set_credentials(identity, type, config)
    return Response(status=204)
