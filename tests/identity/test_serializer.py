"""The identity wire shape: api.json's ``identity`` exactly, secrets never included."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kratos_auth.api.serializers.identity import (
    format_time,
    serialize_identity,
    serialize_schema_container,
)
from kratos_auth.core import clock
from kratos_auth.identity import queries, service
from kratos_auth.identity.models import VerifiableAddress
from kratos_auth.schema import get_schema

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
NOW = dt.datetime(2024, 3, 4, 5, 6, 7, 120000, tzinfo=dt.UTC)


@pytest.fixture
def full():
    with clock.frozen(NOW):
        identity = service.create_identity(
            traits={"email": "Jane@Example.com", "name": {"first": "Jane"}},
            external_id="crm-1",
            metadata_public={"plan": "pro"},
            metadata_admin={"note": "vip"},
            credentials={
                "password": {"config": {"password": PASSWORD}},
                "oidc": {"config": {"providers": [{"provider": "google", "subject": "s-1"}]}},
                "totp": {"config": {"totp_url": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}},
                "lookup_secret": {
                    "config": {"codes": [{"code": "lookup-code-1", "used_at": None}]}
                },
                "webauthn": {
                    "config": {
                        "credentials": [
                            {"id": "a2V5", "public_key": "cHVibGlj", "display_name": "key",
                             "is_passwordless": False}
                        ],
                        "user_handle": "aGFuZGxl",
                    }
                },
            },
        )  # fmt: skip
    service.set_credentials(
        identity,
        "oidc",
        {
            "providers": [
                {"provider": "google", "subject": "s-1", "initial_access_token": "tok-xyz"}
            ]
        },
    )
    return queries.get_identity(identity.id)


def test_public_shape_matches_api_json(full, api_shape):
    body = serialize_identity(full)
    api_shape("identity", body)
    assert "credentials" not in body and "metadata_admin" not in body
    assert body["schema_url"] == "https://auth.example.test/schemas/ZGVmYXVsdA"
    assert body["organization_id"] is None
    assert body["metadata_public"] == {"plan": "pro"}
    assert body["external_id"] == "crm-1"
    assert body["created_at"] == "2024-03-04T05:06:07.12Z"
    assert body["state_changed_at"] == "2024-03-04T05:06:07.12Z"
    assert body["verifiable_addresses"][0] | {"id": None} == {
        "id": None,
        "value": "jane@example.com",
        "verified": False,
        "via": "email",
        "status": "pending",
        "created_at": "2024-03-04T05:06:07.12Z",
        "updated_at": "2024-03-04T05:06:07.12Z",
    }
    for address in body["verifiable_addresses"]:
        api_shape("verifiableIdentityAddress", address)
    for address in body["recovery_addresses"]:
        api_shape("recoveryIdentityAddress", address)


def test_admin_shape_with_credentials_but_no_config(full, api_shape):
    body = serialize_identity(full, include_credentials=True, include_metadata_admin=True)
    api_shape("identity", body)
    assert body["metadata_admin"] == {"note": "vip"}
    assert sorted(body["credentials"]) == [
        "code",
        "lookup_secret",
        "oidc",
        "password",
        "totp",
        "webauthn",
    ]
    password = body["credentials"]["password"]
    assert password["identifiers"] == ["jane@example.com"]
    assert "config" not in password
    assert body["credentials"]["oidc"]["identifiers"] == ["google:s-1"]
    for credential in body["credentials"].values():
        api_shape("identityCredentials", credential)


def test_requested_configs_never_carry_secrets(full, api_shape):
    every = ["password", "oidc", "totp", "lookup_secret", "webauthn", "code"]
    body = serialize_identity(full, include_credentials=True, credential_config=every)
    api_shape("identity", body)
    text = json.dumps(body)
    stored = queries.credential_config(queries.credentials_of(full)["password"])["hashed_password"]
    for secret in (stored, PASSWORD, "JBSWY3DPEHPK3PXP", "lookup-code-1", "tok-xyz", "cHVibGlj"):
        assert secret not in text
    configs = {k: v["config"] for k, v in body["credentials"].items()}
    assert configs["password"] == {}
    assert configs["oidc"] == {"providers": [{"subject": "s-1", "provider": "google"}]}
    assert configs["totp"] == {}
    assert configs["lookup_secret"] == {"recovery_codes": [{"used_at": None}]}
    assert configs["webauthn"] == {
        "credentials": [{"id": "a2V5", "display_name": "key", "is_passwordless": False}]
    }
    assert configs["code"] == {"addresses": [{"channel": "email", "address": "jane@example.com"}]}


def test_empty_optional_fields_are_omitted(use_identity_schemas, api_shape):
    use_identity_schemas(
        {"default": {"type": "object", "properties": {"traits": {"type": "object"}}}}
    )
    identity = queries.get_identity(service.create_identity(traits={}).id)
    body = serialize_identity(identity, include_credentials=True, include_metadata_admin=True)
    api_shape("identity", body)
    for key in ("verifiable_addresses", "recovery_addresses", "external_id"):
        assert key not in body
    assert body["credentials"] == {}
    assert body["metadata_public"] is None and body["metadata_admin"] is None


def test_verified_address_shows_verified_at(full, api_shape):
    VerifiableAddress.objects.filter(identity=full).update(
        verified=True, status="completed", verified_at=NOW
    )
    body = serialize_identity(queries.get_identity(full.id))
    address = body["verifiable_addresses"][0]
    api_shape("verifiableIdentityAddress", address)
    assert (address["verified"], address["verified_at"]) == (True, "2024-03-04T05:06:07.12Z")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "2024-01-02T03:04:05Z"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, 500, tzinfo=dt.UTC), "2024-01-02T03:04:05.0005Z"),
        (
            dt.datetime(2024, 1, 2, 5, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "2024-01-02T03:04:05Z",
        ),
    ],
)
def test_timestamps_are_rfc3339_utc(value, text):
    assert format_time(value) == text


def test_schema_container_shape(api_shape):
    body = serialize_schema_container(get_schema())
    api_shape("identitySchemaContainer", body)
    assert body["id"] == "default" and body["schema"]["title"] == "Person"
