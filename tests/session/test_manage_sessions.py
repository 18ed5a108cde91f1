"""``POST /admin/sessions`` (manageSessions): disable or delete sessions in bulk."""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kratos_auth.audit.models import AuditEntry
from kratos_auth.session import service
from kratos_auth.session.models import Session, SessionDevice
from tests.contracts.openapi import check_error, validate
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db

URL = "/admin/sessions"


def _post(client, body, content_type="application/json"):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(URL, data, content_type=content_type)


def _manage(client, body) -> dict:
    response = _post(client, body)
    assert response.status_code == 200, response.content
    validate(response.json(), "manageSessionsResponse")
    return response.json()


def _active(*sessions) -> list[bool]:
    return [Session.objects.get(pk=s.pk).active for s in sessions]


@pytest.fixture
def people():
    """Two identities: the first with two active sessions and a revoked one, the second
    with one active session."""
    first, second = make_identity(), make_identity()
    mine = [make_session(first)[0] for _ in range(3)]
    service.revoke(mine[2])
    theirs = make_session(second)[0]
    return first, mine, second, theirs


def test_disable_sessions_counts_only_those_that_were_active(admin_api_client, people):
    _, (a, b, revoked), _, theirs = people
    body = {"action": "disable", "sessions": [str(a.id), str(revoked.id), str(uuid.uuid4())]}
    assert _manage(admin_api_client, body) == {"processed": 1, "more": False}
    assert _active(a, b, revoked, theirs) == [False, True, False, True]
    assert Session.objects.count() == 4  # disabled, not deleted


def test_delete_sessions_removes_them_with_their_devices(admin_api_client, people):
    _, (a, b, revoked), _, theirs = people
    body = {"action": "delete", "sessions": [str(a.id), str(revoked.id)], "identities": []}
    assert _manage(admin_api_client, body) == {"processed": 2, "more": False}
    assert set(Session.objects.values_list("pk", flat=True)) == {b.pk, theirs.pk}
    assert set(SessionDevice.objects.values_list("session_id", flat=True)) == {b.pk, theirs.pk}


def test_disable_identities_sessions(admin_api_client, people):
    first, (a, b, revoked), _, theirs = people
    body = {"action": "disable", "identities": [str(first.id), str(first.id)]}
    assert _manage(admin_api_client, body) == {"processed": 2, "more": False}
    assert _active(a, b, revoked, theirs) == [False, False, False, True]
    # Nothing left to disable: 0, and still 200.
    assert _manage(admin_api_client, body) == {"processed": 0, "more": False}


def test_delete_identities_sessions(admin_api_client, people):
    first, _, second, theirs = people
    body = {"action": "delete", "identities": [str(first.id), str(uuid.uuid4())]}
    assert _manage(admin_api_client, body) == {"processed": 3, "more": False}
    assert list(Session.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert SessionDevice.objects.count() == 1


@pytest.mark.parametrize("action", ["disable", "delete"])
def test_wildcard_works_in_bounded_batches(admin_api_client, monkeypatch, action):
    monkeypatch.setattr(service, "MANAGE_BATCH_SIZE", 2)
    made = [make_session()[0] for _ in range(4)]
    service.revoke(made[0])
    body = {"action": action, "identities": ["*"]}
    expected = [2, 1] if action == "disable" else [2, 2, 0]  # revoked ones are not counted
    answers = [_manage(admin_api_client, body) for _ in expected]
    assert [a["processed"] for a in answers] == expected
    assert [a["more"] for a in answers] == [n == 2 for n in expected]
    if action == "disable":
        assert not Session.objects.filter(active=True).exists()
        assert Session.objects.count() == 4
    else:
        assert not Session.objects.exists() and not SessionDevice.objects.exists()


def test_wildcard_batch_is_kratos_size():
    assert (service.MANAGE_BATCH_SIZE, service.MANAGE_MAX_IDS) == (5000, 500)


ONE = str(uuid.uuid4())
INVALID_JSON = "Invalid JSON body."
BAD_ACTION = "The 'action' field must be one of 'disable' or 'delete'."
ONE_SCOPE = "Exactly one of 'identities' or 'sessions' must be a non-empty array."


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", INVALID_JSON),
        (b"", INVALID_JSON),
        (b'{"action": "disable", "sessions": [NaN]}', INVALID_JSON),
        ([{"action": "disable"}], INVALID_JSON),
        ("disable", INVALID_JSON),
        ({"action": "disable", "identities": "x"}, INVALID_JSON),
        ({"action": "disable", "identities": [1]}, INVALID_JSON),
        ({"action": "disable", "sessions": {"id": ONE}}, INVALID_JSON),
        ({"action": 1, "sessions": [ONE]}, INVALID_JSON),
        ({"action": ["disable"], "sessions": [ONE]}, INVALID_JSON),
        ({"action": False, "sessions": [ONE]}, INVALID_JSON),
        (None, BAD_ACTION),
        ({"sessions": [ONE]}, BAD_ACTION),
        ({"action": None, "sessions": [ONE]}, BAD_ACTION),
        ({"action": "revoke", "sessions": [ONE]}, BAD_ACTION),
        ({"action": "DELETE", "sessions": [ONE]}, BAD_ACTION),
        ({"action": "disable"}, ONE_SCOPE),
        ({"action": "disable", "identities": [], "sessions": []}, ONE_SCOPE),
        ({"action": "disable", "identities": [ONE], "sessions": [ONE]}, ONE_SCOPE),
        ({"action": "delete", "identities": None, "sessions": None}, ONE_SCOPE),
        (
            {"action": "delete", "sessions": ["*"]},
            "The wildcard '*' is not accepted in 'sessions'; pass 'identities': ['*'] to "
            "operate on every session in the network.",
        ),
        (
            {"action": "delete", "identities": ["*", ONE]},
            "The wildcard '*' must be the only entry of 'identities'; it cannot be mixed with IDs.",
        ),
        ({"action": "delete", "identities": ["*", "*"]}, None),
        (
            {"action": "delete", "identities": [str(uuid.uuid4()) for _ in range(501)]},
            "at most 500 IDs may be provided per call",
        ),
        (
            {"action": "disable", "identities": [ONE, "x"]},
            "Could not parse 'identities' field: could not parse \"x\" as UUID",
        ),
        (
            {"action": "delete", "sessions": ["not-a-uuid"]},
            "Could not parse 'sessions' field: could not parse \"not-a-uuid\" as UUID",
        ),
    ],
)
def test_bad_bodies_are_400_and_change_nothing(admin_api_client, people, body, reason):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    error = check_error(_post(admin_api_client, data), 400, "bad_request")
    if reason is not None:
        assert error["reason"] == reason
    assert Session.objects.count() == 4
    assert Session.objects.filter(active=True).count() == 3


def test_exactly_500_ids_are_accepted(admin_api_client, people):
    _, (a, _, _), _, _ = people
    ids = [str(a.id)] + [str(uuid.uuid4()) for _ in range(499)]
    assert _manage(admin_api_client, {"action": "disable", "sessions": ids})["processed"] == 1


def test_any_content_type_is_decoded_as_json_like_kratos(admin_api_client, people):
    first = people[0]
    body = json.dumps({"action": "disable", "identities": [str(first.id)]}).encode()
    response = _post(admin_api_client, body, content_type="text/plain")
    assert response.status_code == 200
    validate(response.json(), "manageSessionsResponse")


def test_other_methods_are_405(admin_api_client):
    check_error(admin_api_client.put(URL, "{}", content_type="application/json"), 405)


def test_calls_are_audited_with_their_targets(admin_api_client, people):
    first, (a, _, _), _, _ = people
    _manage(admin_api_client, {"action": "disable", "identities": [str(first.id)] * 2})
    _manage(admin_api_client, {"action": "delete", "sessions": [str(a.id)]})
    _manage(admin_api_client, {"action": "disable", "identities": ["*"]})
    entries = list(AuditEntry.objects.filter(source="admin_api").order_by("created_at", "id"))
    assert [(e.target_type, e.target_id) for e in entries] == [
        ("identity", str(first.id)),
        ("session", str(a.id)),
        ("session", "*"),
    ]
    assert {e.action for e in entries} == {"POST /admin/sessions"}
    assert [e.details["processed"] for e in entries] == [2, 1, 1]
    assert [e.details["action"] for e in entries] == ["disable", "delete", "disable"]
    assert all(e.status == 200 and e.details["more"] is False for e in entries)


def test_not_on_the_public_surface(public_client):
    check_error(_post(public_client, {"action": "delete", "identities": ["*"]}), 404)


def _statements(queries) -> list[str]:
    return [q["sql"].split()[0].upper() for q in queries if "kratos_session" in q["sql"]]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda ids: service.disable_identities_sessions(ids), ["UPDATE"]),
        (lambda ids: service.delete_identities_sessions(ids), ["SELECT", "DELETE", "DELETE"]),
        (lambda ids: service.disable_all_sessions(), ["UPDATE"]),
        (lambda ids: service.delete_all_sessions(), ["SELECT", "DELETE", "DELETE"]),
    ],
)
def test_each_scope_is_one_statement_per_table(people, call, expected):
    # A delete first locks the sessions' ids (SELECT … FOR UPDATE on PostgreSQL), so the set
    # cannot shift between the devices' DELETE and the sessions' DELETE.
    with CaptureQueriesContext(connection) as captured:
        call([people[0].id])
    assert _statements(captured.captured_queries) == expected
