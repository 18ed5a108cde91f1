"""``core.bulk.insert_rows``: one INSERT whose rows read back exactly as bulk_create's."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kratos_auth.audit.models import AuditEntry
from kratos_auth.core.bulk import insert_rows
from kratos_auth.identity.models import Credential, Identity, VerifiableAddress

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2030, 1, 2, 3, 4, 5, 678000, tzinfo=dt.UTC)


def _identities(n, **fields):
    return [
        Identity(
            schema_id="default",
            traits={"email": f"b{i}@example.com", "nested": [1, {"ü": None}]},
            metadata_public=None if i % 2 else {"tier": i},
            external_id=None if i % 2 else f"ext-{i}",
            created_at=NOW,
            updated_at=NOW,
            **fields,
        )
        for i in range(n)
    ]


def _snapshot(model, ids):
    return sorted(model.objects.filter(pk__in=ids).values(), key=lambda row: str(row["id"]))


def test_rows_read_back_as_bulk_create_writes_them():
    ours, theirs = _identities(3), _identities(3)
    for a, b in zip(ours, theirs, strict=True):
        b.id, a.external_id = uuid.uuid4(), b.external_id and b.external_id + "-a"
    with CaptureQueriesContext(connection) as captured:
        insert_rows(ours)
    assert len(captured.captured_queries) == 1
    Identity.objects.bulk_create(theirs)
    mine = _snapshot(Identity, [o.pk for o in ours])
    reference = _snapshot(Identity, [t.pk for t in theirs])
    for a, b in zip(mine, reference, strict=True):
        a.pop("id"), b.pop("id"), a.pop("external_id"), b.pop("external_id")
    assert sorted(map(repr, mine)) == sorted(map(repr, reference))
    assert all(not o._state.adding for o in ours)


def test_foreign_keys_given_as_text_encrypted_configs_and_ip_fields():
    (identity,) = _identities(1)
    insert_rows([identity])
    credential = Credential(
        identity_id=str(identity.pk),  # a str id, as a caller may hold it
        type="password",
        config={"hashed_password": "$2b$04$secret-looking"},
        created_at=NOW,
        updated_at=NOW,
    )
    address = VerifiableAddress(identity=identity, value="b0@example.com", verified_at=None)
    entry = AuditEntry(source="cli", actor="me", actor_ip="::1", action="x", details={"a": 1})
    for obj in (credential, address, entry):
        insert_rows([obj])
    stored = Credential.objects.get(pk=credential.pk)
    assert stored.identity_id == identity.pk
    assert stored.config == {"hashed_password": "$2b$04$secret-looking"}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT config FROM {Credential._meta.db_table} WHERE id = %s",
            [credential.pk.hex if connection.vendor == "sqlite" else credential.pk],
        )
        (raw,) = cursor.fetchone()
    assert "secret-looking" not in str(raw)  # sealed at rest, as a save would seal it
    assert VerifiableAddress.objects.get(pk=address.pk).verified is False
    assert AuditEntry.objects.get(pk=entry.pk).actor_ip == "::1"


def test_nothing_to_insert_sends_nothing():
    with CaptureQueriesContext(connection) as captured:
        insert_rows([])
    assert captured.captured_queries == []
