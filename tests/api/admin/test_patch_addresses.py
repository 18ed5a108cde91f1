"""JSON Patch of an identity's address lists: verification follows the patch, values the traits."""

from __future__ import annotations

import pytest

from kratos_auth.identity.models import VerifiableAddress

pytestmark = pytest.mark.django_db


def _patch(api, identity, ops):
    return api.patch(f"/admin/identities/{identity['id']}", ops)


def test_marking_an_address_verified_the_way_ory_documents_it(api, openapi):
    created = api.create("verify.me@example.com")
    address = created["verifiable_addresses"][0]
    assert address["verified"] is False and address["status"] == "pending"
    response = _patch(
        api,
        created,
        [
            {"op": "replace", "path": "/verifiable_addresses/0/verified", "value": True},
            {"op": "replace", "path": "/verifiable_addresses/0/status", "value": "completed"},
        ],
    )
    assert response.status_code == 200, response.content
    openapi.check(response.json(), "identity")
    patched = response.json()["verifiable_addresses"][0]
    assert patched["verified"] is True and patched["status"] == "completed"
    assert patched["verified_at"]
    assert patched["id"] == address["id"]  # the same address, now verified
    stored = VerifiableAddress.objects.get(pk=address["id"])
    assert stored.verified and stored.status == "completed" and stored.verified_at


def test_flipping_verified_alone_moves_status_and_verified_at_along(api):
    created = api.create("flip@example.com")
    path = "/verifiable_addresses/0/verified"
    verified = _patch(api, created, [{"op": "replace", "path": path, "value": True}]).json()
    assert verified["verifiable_addresses"][0]["status"] == "completed"
    assert verified["verifiable_addresses"][0]["verified_at"]
    again = _patch(api, created, [{"op": "replace", "path": path, "value": False}]).json()
    address = again["verifiable_addresses"][0]
    assert address["verified"] is False and address["status"] == "pending"
    assert address.get("verified_at") is None


def test_an_explicit_verified_at_is_kept(api):
    created = api.create("when@example.com")
    ops = [
        {"op": "replace", "path": "/verifiable_addresses/0/verified", "value": True},
        {
            "op": "add",
            "path": "/verifiable_addresses/0/verified_at",
            "value": "2024-05-06T07:08:09Z",
        },
    ]
    address = _patch(api, created, ops).json()["verifiable_addresses"][0]
    assert address["verified_at"].startswith("2024-05-06T07:08:09")


def test_other_fields_patched_alongside_keep_the_verification(api):
    created = api.create("keep.verified@example.com")
    path = "/verifiable_addresses/0/verified"
    _patch(api, created, [{"op": "replace", "path": path, "value": True}])
    body = _patch(api, created, [{"op": "add", "path": "/metadata_public", "value": {"a": 1}}])
    assert body.json()["verifiable_addresses"][0]["verified"] is True


def test_removing_the_entry_makes_the_address_unverified_again(api):
    created = api.create("gone@example.com")
    path = "/verifiable_addresses/0/verified"
    _patch(api, created, [{"op": "replace", "path": path, "value": True}])
    body = _patch(api, created, [{"op": "remove", "path": "/verifiable_addresses/0"}]).json()
    # The traits still declare the address, so it stays, unverified (as Kratos recomputes it).
    assert [a["value"] for a in body["verifiable_addresses"]] == ["gone@example.com"]
    assert body["verifiable_addresses"][0]["verified"] is False


def test_a_new_email_can_arrive_verified_in_the_same_patch(api):
    created = api.create("old@example.com")
    ops = [
        {"op": "replace", "path": "/traits/email", "value": "new@example.com"},
        {"op": "replace", "path": "/verifiable_addresses/0/value", "value": "new@example.com"},
        {"op": "replace", "path": "/verifiable_addresses/0/verified", "value": True},
        {"op": "replace", "path": "/verifiable_addresses/0/status", "value": "completed"},
    ]
    body = _patch(api, created, ops).json()
    assert [(a["value"], a["verified"]) for a in body["verifiable_addresses"]] == [
        ("new@example.com", True)
    ]
    assert [a["value"] for a in body["recovery_addresses"]] == ["new@example.com"]


def test_addresses_the_traits_do_not_declare_are_ignored_as_in_kratos(api):
    created = api.create("only@example.com")
    extra = {"via": "email", "value": "stranger@example.com", "verified": True}
    body = _patch(api, created, [{"op": "add", "path": "/verifiable_addresses/-", "value": extra}])
    assert body.status_code == 200
    assert [a["value"] for a in body.json()["verifiable_addresses"]] == ["only@example.com"]
    recovery = {"via": "email", "value": "elsewhere@example.com"}
    ops = [{"op": "replace", "path": "/recovery_addresses/0", "value": recovery}]
    body = _patch(api, created, ops).json()
    assert [a["value"] for a in body["recovery_addresses"]] == ["only@example.com"]


@pytest.mark.parametrize(
    "ops",
    [
        [{"op": "replace", "path": "/verifiable_addresses/0/verified", "value": "yes"}],
        [{"op": "replace", "path": "/verifiable_addresses/0/status", "value": "done"}],
        [{"op": "replace", "path": "/verifiable_addresses/0/via", "value": "pigeon"}],
        [{"op": "replace", "path": "/verifiable_addresses/0/verified_at", "value": "noon"}],
        [{"op": "replace", "path": "/verifiable_addresses", "value": {"a": 1}}],
        [{"op": "replace", "path": "/verifiable_addresses/0", "value": "x"}],
        [{"op": "replace", "path": "/recovery_addresses/0/via", "value": 7}],
        [{"op": "replace", "path": "/verifiable_addresses/5/verified", "value": True}],
        [
            {"op": "replace", "path": "/verifiable_addresses/0/verified", "value": True},
            {"op": "replace", "path": "/traits/email", "value": "not-an-email"},
        ],
    ],
)
def test_bad_address_patches_are_400_and_change_nothing(api, openapi, ops):
    created = api.create("stay@example.com")
    openapi.check_error(_patch(api, created, ops), 400)
    after = api.get(f"/admin/identities/{created['id']}").json()
    assert after["verifiable_addresses"] == created["verifiable_addresses"]
    assert after["traits"] == created["traits"]
