"""The whoami read path: one statement, the same instances the ORM would build."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count

from kratos_auth.session import config as session_config
from kratos_auth.session import store, tokens
from kratos_auth.session.models import SessionDevice
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db


def _hashes(token):
    return tokens.candidate_hashes(token, session_config.current().token_keys)


@pytest.fixture(params=["aggregate", "fallback"])
def lookup(request, monkeypatch):
    if request.param == "fallback":
        monkeypatch.setattr(store, "_AGGREGATE", {})
    store._statements.cache_clear()
    yield store.whoami_by_token_hashes
    store._statements.cache_clear()


def test_whoami_lookup_loads_everything_it_shows(lookup, django_assert_num_queries):
    identity = make_identity()
    session, token = make_session(identity)
    SessionDevice.objects.create(session=session, ip_address="198.51.100.1", user_agent="b")
    other, _ = make_session(identity)  # its devices must not show up
    expected_queries = 1 if store._AGGREGATE else 4
    with django_assert_num_queries(expected_queries):
        found = lookup(_hashes(token))
        devices = list(found.devices.all())
        addresses = list(found.identity.verifiable_addresses.all())
        recovery = list(found.identity.recovery_addresses.all())
    assert found.pk == session.pk and found.identity.pk == identity.pk
    assert [d.ip_address for d in devices] == ["203.0.113.7", "198.51.100.1"]
    assert [a.value for a in addresses] == [identity.traits["email"]]
    assert [a.value for a in recovery] == [identity.traits["email"]]
    # Same values as the ORM gives, types included.
    orm = SessionDevice.objects.filter(session=session).order_by("created_at", "id")
    for mine, theirs in zip(devices, orm, strict=True):
        for field in SessionDevice._meta.concrete_fields:
            assert getattr(mine, field.attname) == getattr(theirs, field.attname), field.name
    assert found.expires_at == type(session).objects.get(pk=session.pk).expires_at
    assert found.identity.traits == identity.traits
    # The cached relations still apply their relation filter to whatever is chained on.
    assert list(found.devices.filter(ip_address="198.51.100.1")) == [devices[1]]
    assert {d.pk for d in found.devices.all().iterator()} == {d.pk for d in devices}
    assert found.devices.all().aggregate(n=Count("id"))["n"] == 2
    assert found.devices.all().update(user_agent="changed") == 2
    assert SessionDevice.objects.filter(session=other).get().user_agent == "pytest/1.0"
    assert lookup(_hashes("ory_st_unknown")) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_postgresql_prepares_the_whoami_statement_unless_told_not_to(settings):
    session, token = make_session()

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall() if "token_hash" in row[0]]

    before = prepared()  # other tests on this connection may have prepared it already
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
    try:
        assert store.whoami_by_token_hashes(_hashes(token)).pk == session.pk
        assert prepared() == before
    finally:
        del connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"]
    for _ in range(2):  # prepared once, then reused
        found = store.whoami_by_token_hashes(_hashes(token))
        assert found.pk == session.pk and found.identity.pk == session.identity_id
        assert [d.user_agent for d in found.devices.all()] == ["pytest/1.0"]
    assert len([sql for sql in prepared() if "json_agg" in sql]) == 1
    assert connection.connection.prepare_threshold is None  # Django's own setting is back
