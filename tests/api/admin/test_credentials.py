"""Deleting one credential type of an identity (deleteIdentityCredentials)."""

from __future__ import annotations

import pytest

from kratos_auth import hashers
from kratos_auth.identity import queries

pytestmark = pytest.mark.django_db

TOTP = "otpauth://totp/Example:a@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"


def _config(identity_id, kind):
    credential = queries.credentials_of(queries.get_identity(identity_id)).get(kind)
    return None if credential is None else queries.credential_config(credential)


@pytest.fixture
def identity(api):
    return api.create(
        credentials={
            "password": {"config": {"password": "a long password 1"}},
            "totp": {"config": {"totp_url": TOTP}},
            "oidc": {
                "config": {
                    "providers": [
                        {"provider": "google", "subject": "g-1"},
                        {"provider": "github", "subject": "h-2"},
                    ]
                }
            },
        }
    )


def _delete(api, identity, kind, query=""):
    return api.delete(f"/admin/identities/{identity['id']}/credentials/{kind}{query}")


def test_totp_is_removed_and_aal_drops(api, identity):
    assert queries.get_identity(identity["id"]).available_aal == "aal2"
    response = _delete(api, identity, "totp")
    assert response.status_code == 204
    assert _config(identity["id"], "totp") is None
    assert queries.get_identity(identity["id"]).available_aal == "aal1"


def test_password_hash_is_removed(api, identity):
    assert _delete(api, identity, "password").status_code == 204
    config = _config(identity["id"], "password") or {}
    assert not config.get("hashed_password")
    assert not hashers.verify_password("a long password 1", config.get("hashed_password") or "x")


def test_oidc_removes_only_the_named_provider(api, identity, openapi):
    openapi.check_error(_delete(api, identity, "oidc"), 400)
    openapi.check_error(_delete(api, identity, "oidc", "?identifier=google:nobody"), 400)
    assert _delete(api, identity, "oidc", "?identifier=google:g-1").status_code == 204
    body = api.get(f"/admin/identities/{identity['id']}").json()
    assert body["credentials"]["oidc"]["identifiers"] == ["github:h-2"]
    assert _delete(api, identity, "oidc", "?identifier=github:h-2").status_code == 204
    assert "oidc" not in api.get(f"/admin/identities/{identity['id']}").json()["credentials"]


@pytest.mark.parametrize(("kind", "status"), [("code", 400), ("passkey", 400), ("bogus", 400)])
def test_undeletable_or_unknown_types_are_400(api, identity, openapi, kind, status):
    if kind == "passkey":
        status = 404  # not set up on this identity
    openapi.check_error(_delete(api, identity, kind), status)


def test_missing_credential_or_identity_is_404(api, identity, openapi):
    openapi.check_error(_delete(api, identity, "lookup_secret"), 404)
    unknown = {"id": "00000000-0000-0000-0000-000000000000"}
    openapi.check_error(_delete(api, unknown, "totp"), 404)
