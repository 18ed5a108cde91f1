"""The admin session views check the API key / allowlist and write the audit entry
themselves when the host project leaves ``AdminApiMiddleware`` out, and exactly once when
it is installed."""

from __future__ import annotations

import copy
import json

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from kratos_auth.api.admin.auth import generate_api_key, hash_api_key
from kratos_auth.audit.models import AuditEntry
from kratos_auth.session.models import Session
from tests.contracts.openapi import check_error, validate, validate_list
from tests.session.factories import make_session

pytestmark = pytest.mark.django_db

KEY = generate_api_key()


def _kratos(**admin) -> dict:
    tree = copy.deepcopy(django_settings.KRATOS)
    tree["serve"]["admin"].update(admin)
    return tree


WITH_KEY = _kratos(api_keys=[{"id": "ops", "hash": hash_api_key(KEY)}])
WITHOUT_MIDDLEWARE = [m for m in django_settings.MIDDLEWARE if "AdminApiMiddleware" not in m]


def _client(key: str | None = None, **extra) -> Client:
    headers = {"kratos.surface": "admin", **extra}
    if key is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return Client(**headers)


def _calls(session: Session) -> list[tuple[str, str, dict]]:
    """(method, path, body) of every admin session route."""
    identity = session.identity_id
    return [
        ("get", "/admin/sessions", {}),
        ("get", f"/admin/sessions/{session.id}", {}),
        ("patch", f"/admin/sessions/{session.id}/extend", {}),
        ("get", f"/admin/identities/{identity}/sessions", {}),
        ("post", "/admin/sessions", {"action": "disable", "sessions": [str(session.id)]}),
        ("delete", f"/admin/sessions/{session.id}", {}),
        ("delete", f"/admin/identities/{identity}/sessions", {}),
    ]


def _send(client: Client, method: str, path: str, body: dict):
    if method in ("post", "patch"):
        return getattr(client, method)(path, json.dumps(body), content_type="application/json")
    return getattr(client, method)(path)


@pytest.mark.parametrize("middleware", [False, True], ids=["without", "with"])
def test_every_route_needs_the_key_and_is_audited_once(middleware):
    session, token = make_session()
    calls = _calls(session)
    stack = django_settings.MIDDLEWARE if middleware else WITHOUT_MIDDLEWARE
    with override_settings(KRATOS=WITH_KEY, MIDDLEWARE=stack):
        for method, path, body in calls:
            check_error(_send(_client(), method, path, body), 401, "unauthorized")
        assert Session.objects.get(pk=session.pk).active  # nothing was done
        refused = list(AuditEntry.objects.filter(source="admin_api"))
        assert [e.status for e in refused] == [401] * len(calls)
        assert {e.actor for e in refused} == {"unauthenticated"}
        AuditEntry.objects.all().delete()
        statuses = [_send(_client(KEY), m, p, b).status_code for m, p, b in calls]
    assert statuses == [200, 200, 204, 200, 200, 204, 204]
    entries = list(AuditEntry.objects.filter(source="admin_api").order_by("created_at", "id"))
    assert [e.status for e in entries] == statuses  # one entry per call, not two
    assert {e.actor for e in entries} == {"api-key:ops"}
    assert entries[4].action == "POST /admin/sessions"
    assert (entries[4].target_type, entries[4].target_id) == ("session", str(session.id))


def test_without_middleware_a_listing_with_the_key_answers_the_api_shape():
    make_session()
    with override_settings(KRATOS=WITH_KEY, MIDDLEWARE=WITHOUT_MIDDLEWARE):
        response = _client(KEY).get("/admin/sessions")
        assert response.status_code == 200
        validate_list(response.json(), "session")
        body = {"action": "disable", "identities": ["*"]}
        managed = _client(KEY).post("/admin/sessions", body, content_type="application/json")
        validate(managed.json(), "manageSessionsResponse")
    assert AuditEntry.objects.filter(source="admin_api").count() == 2


def test_without_middleware_the_allowlist_applies():
    tree = _kratos(allowed_ips=["203.0.113.0/24"])
    with override_settings(KRATOS=tree, MIDDLEWARE=WITHOUT_MIDDLEWARE):
        check_error(_client(REMOTE_ADDR="198.51.100.1").get("/admin/sessions"), 403)
        assert _client(REMOTE_ADDR="203.0.113.9").get("/admin/sessions").status_code == 200
    assert sorted(AuditEntry.objects.values_list("status", flat=True)) == [200, 403]
