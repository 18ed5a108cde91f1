"""Identity admin API: create, get, external id, PUT, JSON Patch, delete — shapes and errors."""

from __future__ import annotations

import pytest

from kratos_auth.audit.models import AuditEntry
from kratos_auth.identity.models import Identity
from kratos_auth.session.models import Session

pytestmark = pytest.mark.django_db


def test_create_returns_201_location_and_identity(api, openapi):
    response = api.post(
        "/admin/identities",
        {
            "schema_id": "default",
            "traits": {"email": "Ada@Example.com", "name": {"first": "Ada"}},
            "metadata_public": {"plan": "pro"},
            "metadata_admin": {"note": "vip"},
            "external_id": "crm-42",
            "state": "inactive",
        },
    )
    assert response.status_code == 201
    body = response.json()
    openapi.check(body, "identity")
    assert response["Location"] == f"https://admin.example.test/admin/identities/{body['id']}"
    assert body["state"] == "inactive"
    assert body["metadata_admin"] == {"note": "vip"}
    assert body["external_id"] == "crm-42"
    assert body["credentials"]["password"]["identifiers"] == ["ada@example.com"]
    assert "config" not in body["credentials"]["password"]


def test_get_and_get_by_external_id(api, openapi):
    created = api.create(external_id="ext-1")
    for path in (f"/admin/identities/{created['id']}", "/admin/identities/by/external/ext-1"):
        response = api.get(path)
        assert response.status_code == 200
        openapi.check(response.json(), "identity")
        assert response.json()["id"] == created["id"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/identities/00000000-0000-0000-0000-000000000000",
        "/admin/identities/not-a-uuid",
        "/admin/identities/by/external/nobody",
    ],
)
def test_unknown_identity_is_404(api, openapi, path):
    error = openapi.check_error(api.get(path), 404)
    assert error["id"] == "not_found"
    assert error["message"] == "Unable to locate the resource"  # Kratos's sqlcon.ErrNoRows
    assert error["reason"] == "No identity with this id exists."
    if "external" not in path:
        openapi.check_error(api.put(path, {"traits": {"email": "a@example.com"}}), 404)
        openapi.check_error(api.delete(path), 404)
        openapi.check_error(api.patch(path, []), 404)


def test_include_credential_adds_config_without_secrets(api, openapi):
    created = api.create(credentials={"password": {"config": {"password": "correct horse 42"}}})
    response = api.get(f"/admin/identities/{created['id']}?include_credential=password")
    openapi.check(response.json(), "identity")
    password = response.json()["credentials"]["password"]
    assert "config" in password
    assert "$argon2" not in response.content.decode()
    openapi.check_error(api.get(f"/admin/identities/{created['id']}?include_credential=x"), 400)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"schema_id": "default", "traits": {"email": "no-at-sign"}}, "email"),
        ({"schema_id": "default", "traits": {}}, "email"),
        ({"schema_id": "nope", "traits": {"email": "a@example.com"}}, "nope"),
        ({"schema_id": "default", "traits": {"email": "a@example.com"}, "state": "gone"}, "state"),
        ({"schema_id": "default", "traits": {"email": "a@example.com"}, "bogus": 1}, "bogus"),
        ({"schema_id": 7, "traits": {"email": "a@example.com"}}, "schema_id"),
        ({"schema_id": "default", "traits": ["a@example.com"]}, "traits"),
        (
            {"schema_id": "default", "traits": {"email": "a@example.com"}, "organization_id": "x"},
            "",
        ),
        (["not", "an", "object"], "object"),
    ],
)
def test_invalid_create_is_400_and_writes_nothing(api, openapi, body, fragment):
    error = openapi.check_error(api.post("/admin/identities", body), 400)
    assert fragment in error["reason"]
    assert not Identity.objects.exists()


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ('{"traits": NaN}', "application/json", 400),
        ("[" * 100 + "]" * 100, "application/json", 400),
        ("\xff\xfe", "application/json", 400),
        ("schema_id=default", "application/x-www-form-urlencoded", 415),
        ("{}", "text/plain", 415),
    ],
)
def test_malformed_bodies_get_kratos_errors(api, openapi, data, content_type, status):
    response = api.post("/admin/identities", data, content_type=content_type)
    openapi.check_error(response, status)


def test_oversized_body_is_413(api, openapi):
    body = {"schema_id": "default", "traits": {"email": "a@example.com"}, "x": "y" * (1 << 20)}
    openapi.check_error(api.post("/admin/identities", body), 413)


def test_conflict_is_409_and_first_identity_is_untouched(api, openapi):
    first = api.create("taken@example.com", metadata_public={"v": 1})
    error = openapi.check_error(
        api.post(
            "/admin/identities", {"schema_id": "default", "traits": {"email": "TAKEN@example.com"}}
        ),
        409,
    )
    assert "conflicts" in error["reason"]
    assert Identity.objects.count() == 1
    assert api.get(f"/admin/identities/{first['id']}").json()["metadata_public"] == {"v": 1}


def test_put_replaces_and_imports_credentials(api, openapi):
    created = api.create(metadata_public={"a": 1})
    response = api.put(
        f"/admin/identities/{created['id']}",
        {
            "schema_id": "default",
            "state": "inactive",
            "traits": {"email": "new@example.com"},
            "credentials": {"password": {"config": {"password": "another secret 7"}}},
        },
    )
    assert response.status_code == 200
    body = response.json()
    openapi.check(body, "identity")
    assert body["traits"] == {"email": "new@example.com"}
    assert body["state"] == "inactive" and body["state_changed_at"] != created["state_changed_at"]
    assert body["metadata_public"] is None  # PUT replaces: absent metadata is cleared
    assert body["credentials"]["password"]["identifiers"] == ["new@example.com"]


@pytest.mark.parametrize(
    "body",
    [
        {"schema_id": "default", "state": "active"},
        {"schema_id": "default", "traits": {"email": "x"}, "state": "active"},
        {"traits": {"email": "b@example.com"}, "state": "banned"},
        {
            "traits": {"email": "b@example.com"},
            "credentials": {"password": {"config": {"hashed_password": "$2a$04$bad"}}},
        },
    ],
)
def test_invalid_put_changes_nothing(api, openapi, body):
    created = api.create("keep@example.com")
    openapi.check_error(api.put(f"/admin/identities/{created['id']}", body), 400)
    after = api.get(f"/admin/identities/{created['id']}").json()
    assert after["traits"] == {"email": "keep@example.com"} and after["state"] == "active"


def test_json_patch_updates_traits_state_and_metadata(api, openapi):
    created = api.create()
    response = api.patch(
        f"/admin/identities/{created['id']}",
        [
            {"op": "replace", "path": "/traits/email", "value": "patched@example.com"},
            {"op": "add", "path": "/traits/name", "value": {"first": "Grace"}},
            {"op": "replace", "path": "/state", "value": "inactive"},
            {"op": "add", "path": "/metadata_admin", "value": {"tier": 2}},
        ],
    )
    assert response.status_code == 200, response.content
    body = response.json()
    openapi.check(body, "identity")
    assert body["traits"] == {"email": "patched@example.com", "name": {"first": "Grace"}}
    assert body["state"] == "inactive"
    assert body["metadata_admin"] == {"tier": 2}
    assert body["credentials"]["password"]["identifiers"] == ["patched@example.com"]


@pytest.mark.parametrize(
    "ops",
    [
        [{"op": "replace", "path": "/id", "value": "00000000-0000-0000-0000-000000000000"}],
        [{"op": "remove", "path": "/credentials"}],
        [{"op": "replace", "path": "/traits/email", "value": "x"}],
        [{"op": "replace", "path": "/state", "value": "unknown"}],
        [{"op": "remove", "path": "/nope"}],
        [{"op": "add", "path": "/surprise", "value": 1}],
        [
            {"op": "replace", "path": "/traits/email", "value": "ok@example.com"},
            {"op": "test", "path": "/state", "value": "inactive"},
        ],
        {"op": "replace"},
    ],
)
def test_bad_patches_are_400_and_change_nothing(api, openapi, ops):
    created = api.create("same@example.com")
    openapi.check_error(api.patch(f"/admin/identities/{created['id']}", ops), 400)
    assert api.get(f"/admin/identities/{created['id']}").json()["traits"] == {
        "email": "same@example.com"
    }


def test_delete_removes_identity_sessions_and_its_audit_trail(api, openapi):
    created = api.create()
    identity = Identity.objects.get(id=created["id"])
    Session.objects.create(identity=identity, token_hash="h" * 64, expires_at=identity.created_at)
    api.get(f"/admin/identities/{created['id']}")
    assert AuditEntry.objects.filter(target_id=created["id"]).count() == 2
    response = api.delete(f"/admin/identities/{created['id']}")
    assert response.status_code == 204 and response.content == b""
    assert not Session.objects.exists()
    openapi.check_error(api.get(f"/admin/identities/{created['id']}"), 404)
    # Only the record of the erasure (and the 404 above) remain, holding just the id.
    actions = list(
        AuditEntry.objects.filter(target_id=created["id"])
        .order_by("created_at")
        .values_list("action", flat=True)
    )
    assert actions == ["delete_identity", "get_identity"]


def test_every_call_is_audited_with_its_target(api):
    created = api.create()
    api.get(f"/admin/identities/{created['id']}")
    api.get("/admin/identities")
    entries = {e.action: e for e in AuditEntry.objects.all()}
    assert entries["create_identity"].target_id == created["id"]
    assert entries["create_identity"].status == 201
    assert entries["get_identity"].target_type == "identity"
    assert entries["list_identities"].target_id == ""
    # No traits or other personal data in the trail.
    assert "user@example.com" not in str(list(AuditEntry.objects.values()))


def test_method_not_allowed_gets_kratos_body(api, openapi):
    response = api.client.put("/admin/identities", "{}", content_type="application/json")
    openapi.check_error(response, 405)
