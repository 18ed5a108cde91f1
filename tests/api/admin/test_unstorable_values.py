"""Values no database can store (NUL, lone surrogates, longer than a column): a 400 that
names the field, the same on SQLite and PostgreSQL, and nothing written."""

from __future__ import annotations

import json

import pytest

from kratos_auth.identity.models import Identity

pytestmark = pytest.mark.django_db

NUL = "a\u0000b"
SURROGATE = "a\ud800b"
OIDC_LONG = {"oidc": {"config": {"providers": [{"provider": "p" * 3000, "subject": "s" * 3000}]}}}


def _raw(value) -> str:
    # json.dumps escapes NUL and lone surrogates as \u0000 / \ud800, as a client would send.
    return json.dumps(value)


def _create_body(**fields):
    return {"schema_id": "default", "traits": {"email": "x@example.com"}, **fields}


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"metadata_public": {"x": NUL}}, "contains a NUL character"),
        ({"metadata_admin": {NUL: 1}}, "contains a NUL character"),
        ({"external_id": NUL}, "contains a NUL character"),
        ({"traits": {"email": "x@example.com", "name": SURROGATE}}, "invalid Unicode"),
        ({"external_id": "e" * 5000}, "external_id is longer than 255 characters"),
        ({"credentials": OIDC_LONG}, "oidc identifier is longer than 512 characters"),
    ],
)
def test_create_refuses_unstorable_values(api, openapi, fields, named):
    response = api.post("/admin/identities", _raw(_create_body(**fields)))
    error = openapi.check_error(response, 400)
    assert named in error["reason"]
    assert not Identity.objects.exists()


def test_patch_and_put_refuse_them_and_change_nothing(api, openapi):
    created = api.create("keep@example.com")
    url = f"/admin/identities/{created['id']}"
    patch = [{"op": "add", "path": "/metadata_public", "value": {"k": NUL}}]
    openapi.check_error(api.patch(url, _raw(patch)), 400)
    put = {"traits": {"email": "keep@example.com"}, "external_id": "e" * 300}
    openapi.check_error(api.put(url, _raw(put)), 400)
    after = api.get(url).json()
    assert after["metadata_public"] is None and after.get("external_id") is None


def test_a_bad_item_in_a_batch_does_not_sink_the_others(api, openapi):
    items = [
        {"create": _create_body(traits={"email": "good@example.com"})},
        {"create": _create_body(traits={"email": "bad@example.com"}, external_id=NUL)},
        {"create": _create_body(traits={"email": "long@example.com"}, credentials=OIDC_LONG)},
    ]
    response = api.patch("/admin/identities", _raw({"identities": items}))
    assert response.status_code == 200, response.content
    openapi.check(response.json(), "batchPatchIdentitiesResponse")
    results = response.json()["identities"]
    assert [r["action"] for r in results] == ["create", "error", "error"]
    assert "NUL character" in results[1]["error"]["reason"]
    assert "longer than 512" in results[2]["error"]["reason"]
    assert list(Identity.objects.values_list("traits__email", flat=True)) == ["good@example.com"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/identities?credentials_identifier=a%00b", 400),
        ("/admin/identities?preview_credentials_identifier_similar=%00", 400),
        ("/admin/courier/messages?recipient=a%00b", 400),
        ("/admin/identities/by/external/a%00b", 404),
    ],
)
def test_lookups_with_nul_are_client_errors(api, openapi, path, status):
    openapi.check_error(api.get(path), status)
