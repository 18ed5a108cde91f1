"""Health and version endpoints answer on both surfaces in Kratos's shapes."""

from unittest import mock

import jsonschema
import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder

from kratos_auth.api import health

pytestmark = pytest.mark.django_db
SURFACES = ["public_client", "admin_api_client"]


def response_schema(api_spec, path, status):
    return api_spec["paths"][path]["get"]["responses"][status]["content"]["application/json"][
        "schema"
    ]


@pytest.fixture
def not_yet_migrated(monkeypatch):
    """Forget that migrations were seen applied (the check caches a success)."""
    monkeypatch.setitem(health._state, "migrated", False)


@pytest.mark.parametrize("surface", SURFACES)
def test_health_and_version_on_both_surfaces(surface, request, api_spec):
    client = request.getfixturevalue(surface)
    alive = client.get("/health/alive")
    assert alive.status_code == 200
    assert alive.json() == {"status": "ok"}
    jsonschema.validate(alive.json(), response_schema(api_spec, "/health/alive", "200"))
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok"}
    jsonschema.validate(ready.json(), response_schema(api_spec, "/health/ready", "200"))
    version = client.get("/version")
    assert version.status_code == 200
    jsonschema.validate(version.json(), response_schema(api_spec, "/version", "200"))
    assert version.json()["version"]


def database_down():
    return mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("connection refused")
    )


def test_ready_is_503_when_the_database_is_down_admin_names_it(admin_api_client, api_spec):
    with database_down():
        response = admin_api_client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    jsonschema.validate(body, response_schema(api_spec, "/health/ready", "503"))
    assert body == {"errors": {"database": "the database is not reachable"}}


def test_ready_on_public_obfuscates_the_reason(public_client, api_spec):
    with database_down():
        response = public_client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    jsonschema.validate(body, response_schema(api_spec, "/health/ready", "503"))
    assert body == {
        "errors": {"database": "error may contain sensitive information and was obfuscated"}
    }


def test_alive_does_not_need_the_database(public_client):
    with database_down():
        assert public_client.get("/health/alive").status_code == 200


def test_ready_is_503_while_migrations_are_pending(admin_api_client, not_yet_migrated):
    # Forget the newest applied migration of contrib.auth (the test's transaction rolls back).
    MigrationRecorder.Migration.objects.filter(app="auth").latest("id").delete()
    response = admin_api_client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {
        "errors": {"migrations": "migrations have not yet been fully applied"}
    }


def test_ready_once_migrations_are_applied(admin_api_client, not_yet_migrated):
    assert admin_api_client.get("/health/ready").status_code == 200
    assert health._state["migrated"] is True


@pytest.mark.parametrize("path", ["/health/alive", "/health/ready", "/version"])
def test_other_methods_get_kratos_405(public_client, path):
    response = public_client.post(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"]["code"] == 405


def test_unknown_route_gives_kratos_error_body(public_client):
    response = public_client.get("/no/such/route")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == 404
    assert error["id"] == "not_found"
    assert error["status"] == "Not Found"
    assert error["message"]
    assert error["reason"] == "No API endpoint exists at this path."
