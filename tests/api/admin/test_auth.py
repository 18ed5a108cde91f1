"""Admin API authentication: API keys (with rotation), IP allowlist, and what stays open."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from kratos_auth.api.admin.auth import generate_api_key, hash_api_key
from kratos_auth.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

OLD_KEY = generate_api_key()
NEW_KEY = generate_api_key()


def _kratos(**admin):
    tree = copy.deepcopy(django_settings.KRATOS)
    tree["serve"]["admin"].update(admin)
    return tree


KEYS = [{"id": "new", "hash": hash_api_key(NEW_KEY)}, {"id": "old", "hash": hash_api_key(OLD_KEY)}]


@pytest.fixture
def with_keys():
    with override_settings(KRATOS=_kratos(api_keys=KEYS)):
        yield


def _client(key=None, **extra):
    headers = {"kratos.surface": "admin", **extra}
    if key is not None:
        headers["HTTP_AUTHORIZATION"] = key
    return Client(**headers)


def test_without_configured_keys_the_admin_api_is_open_like_kratos(openapi):
    response = _client().get("/admin/identities")
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.actor == "anonymous"
    assert entry.action == "list_identities"


def test_missing_or_wrong_key_is_401_with_kratos_body(with_keys, openapi):
    for key in (None, "Bearer " + generate_api_key(), "Bearer short", "Basic xyz"):
        response = _client(key).get("/admin/identities")
        error = openapi.check_error(response, 401)
        assert error["id"] == "unauthorized"
        assert "admin API key" in error["reason"]
        assert response["WWW-Authenticate"].startswith("Bearer")
    # Refused calls are audited too, without any key material.
    entries = list(AuditEntry.objects.all())
    assert len(entries) == 4
    assert {e.actor for e in entries} == {"unauthenticated"}
    assert all(e.status == 401 for e in entries)


def test_every_configured_key_works_so_keys_can_rotate(with_keys):
    assert _client("Bearer " + NEW_KEY).get("/admin/identities").status_code == 200
    assert _client("Bearer " + OLD_KEY).get("/admin/identities").status_code == 200
    # The SDK may be configured without the Bearer prefix.
    assert _client(NEW_KEY).get("/admin/identities").status_code == 200
    actors = sorted(AuditEntry.objects.values_list("actor", flat=True))
    assert actors == ["api-key:new", "api-key:new", "api-key:old"]


def test_removed_key_stops_working():
    only_new = [{"id": "new", "hash": hash_api_key(NEW_KEY)}]
    with override_settings(KRATOS=_kratos(api_keys=only_new)):
        assert _client("Bearer " + OLD_KEY).get("/admin/identities").status_code == 401
        assert _client("Bearer " + NEW_KEY).get("/admin/identities").status_code == 200


def test_unknown_admin_routes_need_a_key_before_revealing_404(with_keys, openapi):
    openapi.check_error(_client().get("/admin/nothing-here"), 401)
    openapi.check_error(_client("Bearer " + NEW_KEY).get("/admin/nothing-here"), 404)


def test_health_and_version_stay_open_for_probes(with_keys):
    for path in ("/health/alive", "/health/ready", "/version"):
        assert _client().get(path).status_code == 200
    assert not AuditEntry.objects.exists()


def test_public_surface_ignores_admin_keys(with_keys):
    response = Client(**{"kratos.surface": "public"}).get("/schemas")
    assert response.status_code == 200
    # The admin API does not exist on the public surface at all.
    assert Client(**{"kratos.surface": "public"}).get("/admin/identities").status_code == 404
    assert not AuditEntry.objects.exists()


def test_schemas_need_no_key_but_respect_the_allowlist():
    tree = _kratos(api_keys=KEYS, allowed_ips=["10.0.0.0/8"])
    with override_settings(KRATOS=tree):
        assert _client(REMOTE_ADDR="10.0.0.9").get("/schemas").status_code == 200
        assert _client(REMOTE_ADDR="10.0.0.9").get("/schemas/default").status_code == 200
        assert _client(REMOTE_ADDR="192.0.2.1").get("/schemas").status_code == 403


def test_ip_allowlist_admits_listed_ranges_and_refuses_others(openapi):
    with override_settings(KRATOS=_kratos(allowed_ips=["10.0.0.0/8", "::1/128"])):
        assert _client(REMOTE_ADDR="10.1.2.3").get("/admin/identities").status_code == 200
        assert _client(REMOTE_ADDR="::1").get("/admin/identities").status_code == 200
        error = openapi.check_error(
            _client(REMOTE_ADDR="192.168.1.1").get("/admin/identities"), 403
        )
        assert error["id"] == "forbidden"
        # The Django admin site keeps its login but not outside the allowlist.
        assert _client(REMOTE_ADDR="192.168.1.1").get("/django-admin/").status_code == 403
        assert _client(REMOTE_ADDR="10.1.2.3").get("/django-admin/").status_code == 302


def test_ip_allowlist_and_key_are_both_required_when_both_set():
    with override_settings(KRATOS=_kratos(allowed_ips=["10.0.0.0/8"], api_keys=KEYS)):
        assert (
            _client("Bearer " + NEW_KEY, REMOTE_ADDR="172.16.0.1")
            .get("/admin/identities")
            .status_code
            == 403
        )
        assert _client(None, REMOTE_ADDR="10.0.0.1").get("/admin/identities").status_code == 401
        assert (
            _client("Bearer " + NEW_KEY, REMOTE_ADDR="10.0.0.1")
            .get("/admin/identities")
            .status_code
            == 200
        )


def test_invalid_allowlist_entry_fails_closed():
    with override_settings(KRATOS=_kratos(allowed_ips=["not-a-network"])):
        assert _client(REMOTE_ADDR="127.0.0.1").get("/admin/identities").status_code == 403


def test_django_admin_login_does_not_need_an_api_key(with_keys):
    response = _client().get("/django-admin/login/")
    assert response.status_code == 200


def test_key_hash_is_sha256_of_the_whole_key():
    key = generate_api_key()
    assert key.startswith("kak_") and len(key) == 47
    assert hash_api_key(key).startswith("sha256:") and len(hash_api_key(key)) == 71
    assert generate_api_key() != key


def test_views_authenticate_and_audit_even_without_the_middleware(with_keys, openapi):
    middleware = [m for m in django_settings.MIDDLEWARE if "AdminApiMiddleware" not in m]
    with override_settings(MIDDLEWARE=middleware):
        openapi.check_error(_client().get("/admin/identities"), 401)
        assert _client("Bearer " + NEW_KEY).get("/admin/identities").status_code == 200
    assert sorted(AuditEntry.objects.values_list("status", flat=True)) == [200, 401]


def test_allowlist_sees_the_client_behind_a_trusted_proxy_only():
    tree = _kratos(allowed_ips=["203.0.113.0/24"])
    forwarded = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    with override_settings(KRATOS=tree):
        assert _client(**forwarded).get("/admin/identities").status_code == 403
    tree["security"] = {"trusted_proxies": ["127.0.0.1"]}
    with override_settings(KRATOS=tree):
        assert _client(**forwarded).get("/admin/identities").status_code == 200
        spoofed = {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
        assert _client(**spoofed).get("/admin/identities").status_code == 403


def test_sessions_endpoints_share_the_keys_and_the_audit_log(with_keys):
    assert _client().get("/admin/sessions").status_code == 401
    assert _client("Bearer " + NEW_KEY).get("/admin/sessions").status_code == 200
    entry = AuditEntry.objects.get(status=200)
    assert entry.actor == "api-key:new" and entry.action == "GET /admin/sessions"


def test_targets_of_session_routes_are_found_in_the_url(with_keys):
    identity_id = "6f1c3c9f-2f11-4c39-9d0e-8f0e0c4a7a5d"
    _client("Bearer " + NEW_KEY).delete(f"/admin/identities/{identity_id}/sessions")
    entry = AuditEntry.objects.get()
    assert (entry.target_type, entry.target_id) == ("identity", identity_id)
    assert entry.action == "DELETE /admin/identities/<str:identity_id>/sessions"
