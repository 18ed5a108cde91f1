"""Fixtures of the admin API tests: api.json validation, keys, identities."""

from __future__ import annotations

import json

import pytest

from tests.contracts import openapi as contract


class OpenAPI:
    """Validates bodies against api.json (the shared helper in ``tests.contracts.openapi``)."""

    def check(self, body, name: str) -> None:
        contract.validate(body, name)

    def check_list(self, body, name: str) -> None:
        contract.validate_list(body, name)

    def check_error(self, response, status: int, error_id: str | None = None) -> dict:
        return contract.check_error(response, status, error_id)


@pytest.fixture
def openapi() -> OpenAPI:
    return OpenAPI()


class AdminAPI:
    """JSON requests on the admin surface."""

    def __init__(self, client):
        self.client = client

    def _send(self, method, path, body, content_type="application/json", **extra):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(self.client, method)(path, data, content_type=content_type, **extra)

    def get(self, path, **extra):
        return self.client.get(path, **extra)

    def delete(self, path):
        return self.client.delete(path)

    def post(self, path, body, **kw):
        return self._send("post", path, body, **kw)

    def put(self, path, body, **kw):
        return self._send("put", path, body, **kw)

    def patch(self, path, body, **kw):
        return self._send("patch", path, body, **kw)

    def create(self, email="user@example.com", **fields):
        body = {"schema_id": "default", "traits": {"email": email}, **fields}
        response = self.post("/admin/identities", body)
        assert response.status_code == 201, response.content
        return response.json()


@pytest.fixture
def api(admin_api_client) -> AdminAPI:
    return AdminAPI(admin_api_client)
