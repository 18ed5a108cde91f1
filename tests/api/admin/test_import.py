"""Credential import: hashed passwords in Kratos's formats, plaintext, bounds, batches."""

from __future__ import annotations

import base64
import hashlib
import uuid

import argon2
import bcrypt
import pytest

from kratos_auth import hashers
from kratos_auth.identity import queries
from kratos_auth.identity.models import Identity

pytestmark = pytest.mark.django_db

PASSWORD = "imported password 123"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode().rstrip("=")


def _pbkdf2() -> str:
    salt = b"0123456789abcdef"
    key = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt, 1000, 32)
    return f"$pbkdf2-sha256$i=1000,l=32${_b64(salt)}${_b64(key)}"


HASHES = {
    "bcrypt": lambda: bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode(),
    "argon2id": lambda: argon2.PasswordHasher(memory_cost=64, time_cost=1, parallelism=1).hash(
        PASSWORD
    ),
    "pbkdf2": _pbkdf2,
    "md5": lambda: "$md5$" + base64.b64encode(hashlib.md5(PASSWORD.encode()).digest()).decode(),  # noqa: S324
}


def _stored_hash(identity_id: str) -> str:
    identity = queries.get_identity(identity_id)
    return queries.credential_config(queries.credentials_of(identity)["password"])[
        "hashed_password"
    ]


def _body(email: str, **password_config) -> dict:
    return {
        "schema_id": "default",
        "traits": {"email": email},
        "credentials": {"password": {"config": password_config}},
    }


@pytest.mark.parametrize("kind", sorted(HASHES))
def test_imported_hash_is_stored_as_is_and_verifies(api, kind):
    hashed = HASHES[kind]()
    response = api.post("/admin/identities", _body(f"{kind}@example.com", hashed_password=hashed))
    assert response.status_code == 201, response.content
    stored = _stored_hash(response.json()["id"])
    assert stored == hashed
    assert hashers.verify_password(PASSWORD, stored)
    assert not hashers.verify_password("wrong", stored)
    assert hashed not in response.content.decode()


def test_plaintext_password_is_hashed_with_the_configured_hasher(api):
    response = api.post("/admin/identities", _body("plain@example.com", password=PASSWORD))
    stored = _stored_hash(response.json()["id"])
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert hashers.verify_password(PASSWORD, stored)


@pytest.mark.parametrize(
    "hashed",
    [
        "not-a-hash",
        "$2a$04$tooshort",
        "$2a$31$" + "a" * 53,  # bcrypt cost above the bound
        "$pbkdf2-sha256$i=2000000000,l=32$c2FsdHNhbHRzYWx0c2FsdA$" + "a" * 43,
        "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0$" + "a" * 43,
    ],
)
def test_bad_or_too_costly_hashes_are_400_and_write_nothing(api, openapi, hashed):
    error = openapi.check_error(
        api.post("/admin/identities", _body("bad@example.com", hashed_password=hashed)), 400
    )
    assert error["reason"]
    assert hashed not in error["reason"]
    assert not Identity.objects.exists()


def _batch(items):
    return {"identities": items}


def test_batch_reports_each_item_and_keeps_the_good_ones(api, openapi):
    patch_ids = [str(uuid.uuid4()) for _ in range(4)]
    hashed = HASHES["bcrypt"]()
    items = [
        {"patch_id": patch_ids[0], "create": _body("one@example.com", hashed_password=hashed)},
        {"patch_id": patch_ids[1], "create": _body("two@example.com", hashed_password="nope")},
        {"patch_id": patch_ids[2], "create": _body("ONE@example.com", hashed_password=hashed)},
        {
            "patch_id": patch_ids[3],
            "create": {"schema_id": "default", "traits": {"email": "3@example.com"}},
        },
        {"create": "not an object"},
    ]
    response = api.patch("/admin/identities", _batch(items))
    assert response.status_code == 200
    body = response.json()
    openapi.check(body, "batchPatchIdentitiesResponse")
    results = body["identities"]
    assert [r["action"] for r in results] == ["create", "error", "error", "create", "error"]
    assert [r.get("patch_id") for r in results] == [*patch_ids, None]
    assert results[1]["error"]["code"] == 400
    assert results[2]["error"]["code"] == 409
    created = {r["identity"] for r in results if r["action"] == "create"}
    assert set(map(str, Identity.objects.values_list("id", flat=True))) == created
    assert hashers.verify_password(PASSWORD, _stored_hash(results[0]["identity"]))


def test_batch_where_everything_conflicts_is_409(api, openapi):
    api.create("dup@example.com")
    items = [{"create": {"schema_id": "default", "traits": {"email": "dup@example.com"}}}] * 2
    openapi.check_error(api.patch("/admin/identities", _batch(items)), 409)
    assert Identity.objects.count() == 1


def test_batch_where_everything_is_invalid_is_400(api, openapi):
    items = [{"create": {"schema_id": "default", "traits": {}}}]
    openapi.check_error(api.patch("/admin/identities", _batch(items)), 400)


def test_batch_limits(api, openapi):
    hashed = {"schema_id": "default", "traits": {"email": "x@example.com"}}
    openapi.check_error(api.patch("/admin/identities", _batch([{"create": hashed}] * 1001)), 400)
    plain = _body("p@example.com", password=PASSWORD)
    error = openapi.check_error(
        api.patch("/admin/identities", _batch([{"create": plain}] * 201)), 400
    )
    assert "plaintext" in error["reason"]
    assert not Identity.objects.exists()
    openapi.check_error(api.patch("/admin/identities", {"identities": {"a": 1}}), 400)
    bad_patch_id = [{"patch_id": "nope", "create": hashed}]
    assert api.patch("/admin/identities", _batch(bad_patch_id)).status_code == 400


def test_empty_batch_is_200(api, openapi):
    response = api.patch("/admin/identities", {"identities": []})
    assert response.status_code == 200 and response.json() == {"identities": []}


def test_batch_of_1000_prehashed_identities(api):
    hashed = HASHES["bcrypt"]()
    items = [{"create": _body(f"bulk{i}@example.com", hashed_password=hashed)} for i in range(1000)]
    response = api.patch("/admin/identities", _batch(items))
    assert response.status_code == 200
    assert all(r["action"] == "create" for r in response.json()["identities"])
    assert Identity.objects.count() == 1000


def test_batch_falls_back_to_one_by_one_when_a_concurrent_writer_wins(api, monkeypatch):
    from kratos_auth.identity import batch

    api.create("raced@example.com")
    # Pretend the clash appeared after the up-front check (another request committed it).
    monkeypatch.setattr(batch, "_taken", lambda keys: set())
    items = [
        {"create": {"schema_id": "default", "traits": {"email": "fresh@example.com"}}},
        {"create": {"schema_id": "default", "traits": {"email": "raced@example.com"}}},
    ]
    response = api.patch("/admin/identities", _batch(items))
    assert response.status_code == 200
    results = response.json()["identities"]
    assert [r["action"] for r in results] == ["create", "error"]
    assert results[1]["error"]["code"] == 409
    assert Identity.objects.count() == 2


@pytest.mark.parametrize(
    ("hashed", "problem"),
    [
        ("$2a$31$" + "a" * 53, "bcrypt cost 31"),
        (
            "$pbkdf2-sha256$i=2000000000,l=32$c2FsdHNhbHRzYWx0c2FsdA$" + _b64(b"k" * 32),
            "iterations",
        ),
        ("$unknown$abc", "unknown hash algorithm"),
    ],
)
def test_rejected_hash_names_the_problem(api, openapi, hashed, problem):
    error = openapi.check_error(
        api.post("/admin/identities", _body("named@example.com", hashed_password=hashed)), 400
    )
    assert problem in error["reason"]


def test_a_large_batch_is_audited_per_identity_but_logged_in_one_short_line(api, caplog):
    from kratos_auth.audit.models import AuditEntry
    from kratos_auth.logging.records import FIELDS_ATTR

    hashed = HASHES["bcrypt"]()
    items = [{"create": _body(f"many{i}@example.com", hashed_password=hashed)} for i in range(12)]
    with caplog.at_level("INFO", logger="kratos_auth.security"):
        response = api.patch("/admin/identities", _batch(items))
    assert response.status_code == 200
    created = {r["identity"] for r in response.json()["identities"]}
    audited = AuditEntry.objects.filter(action="batch_patch_identities")
    assert set(audited.values_list("target_id", flat=True)) == created
    (line,) = [r for r in caplog.records if getattr(r, FIELDS_ATTR, {}).get("target_count")]
    fields = getattr(line, FIELDS_ATTR)
    assert fields["target_count"] == 12 and len(fields["targets"]) == 10
