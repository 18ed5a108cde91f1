"""Reads: by id, by external id, by identifier (normalised), by address, and pages."""

from __future__ import annotations

import uuid

import pytest

from kratos_auth.identity import queries, service
from kratos_auth.identity.errors import IdentityNotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def jane():
    return service.create_identity(
        traits={"email": "Jane@Example.com"},
        external_id="crm-42",
        credentials={"password": {"config": {"password": "secret secret"}}},
    )


def test_get_identity_and_not_found(jane):
    assert queries.get_identity(jane.id).pk == jane.pk
    assert queries.get_identity(str(jane.id)).pk == jane.pk
    for missing in (uuid.uuid4(), "not-a-uuid", ""):
        with pytest.raises(IdentityNotFound):
            queries.get_identity(missing)


def test_get_by_external_id(jane):
    assert queries.get_identity_by_external_id("crm-42").pk == jane.pk
    with pytest.raises(IdentityNotFound):
        queries.get_identity_by_external_id("crm-43")


@pytest.mark.parametrize(
    "typed", ["jane@example.com", "  JANE@EXAMPLE.COM ", "ｊａｎｅ@example.com"]
)
def test_find_by_identifier_normalises_input(jane, typed):
    found = queries.find_by_identifier("password", typed)
    assert found is not None and found.identity.pk == jane.pk
    assert found.credential.type == "password"
    assert found.config["hashed_password"].startswith("$")


def test_find_by_identifier_misses(jane):
    assert queries.find_by_identifier("password", "john@example.com") is None
    assert queries.find_by_identifier("oidc", "jane@example.com") is None
    assert queries.find_by_identifier("password", "   ") is None


def test_find_addresses(jane):
    assert queries.find_verifiable_address("email", "JANE@example.com").identity.pk == jane.pk
    assert queries.find_recovery_address("email", " jane@example.com").identity.pk == jane.pk
    assert queries.find_verifiable_address("sms", "jane@example.com") is None


def test_list_identities_pages_by_id_and_filters():
    made = [service.create_identity(traits={"email": f"u{i}@x.io"}) for i in range(5)]
    ids = sorted(i.pk for i in made)
    page = queries.list_identities(page_size=2)
    assert [i.pk for i in page.identities] == ids[:2] and page.next_after == ids[1]
    page = queries.list_identities(page_size=2, after=page.next_after)
    assert [i.pk for i in page.identities] == ids[2:4]
    last = queries.list_identities(page_size=2, after=str(page.next_after))
    assert [i.pk for i in last.identities] == ids[4:] and last.next_after is None
    picked = queries.list_identities(ids=[str(ids[3]), "junk", str(ids[0])])
    assert [i.pk for i in picked.identities] == [ids[0], ids[3]]
    by_identifier = queries.list_identities(credentials_identifier="U2@X.IO")
    assert [i.traits["email"] for i in by_identifier.identities] == ["u2@x.io"]
    assert queries.list_identities(page_size=0).identities  # clamped to at least one


def test_credentials_and_identifiers_helpers(jane):
    identity = queries.get_identity(jane.id)
    creds = queries.credentials_of(identity)
    assert sorted(creds) == ["code", "password", "webauthn"]
    assert queries.identifiers_of(creds["password"]) == ["jane@example.com"]
