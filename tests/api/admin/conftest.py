"""Fixtures of the admin API tests: api.json validation, keys, identities."""

from __future__ import annotations

import copy
import functools
import json

import jsonschema
import pytest

from tests.conftest import SHARED_KRATOS


def _nullable(node):
    """OpenAPI 3.0 ``nullable: true`` -> JSON Schema ``type: [t, "null"]``."""
    if isinstance(node, dict):
        node = {k: _nullable(v) for k, v in node.items()}
        if node.pop("nullable", False):
            kind = node.get("type")
            if isinstance(kind, str):
                node["type"] = [kind, "null"]
            elif "$ref" in node:
                node = {"anyOf": [{"$ref": node.pop("$ref")}, {"type": "null"}], **node}
        return node
    if isinstance(node, list):
        return [_nullable(v) for v in node]
    return node


@functools.cache
def _components() -> dict:
    spec = json.loads((SHARED_KRATOS / "api.json").read_text())
    return _nullable(copy.deepcopy(spec["components"]))


class OpenAPI:
    """Validates bodies against ``#/components/schemas/<name>`` of api.json."""

    def check(self, body, name: str) -> None:
        schema = {"$ref": f"#/components/schemas/{name}", "components": _components()}
        jsonschema.validate(body, schema, cls=jsonschema.Draft4Validator)

    def check_list(self, body, name: str) -> None:
        assert isinstance(body, list)
        for item in body:
            self.check(item, name)

    def check_error(self, response, status: int) -> dict:
        assert response.status_code == status, response.content
        body = response.json()
        self.check(body, "errorGeneric")
        assert body["error"]["code"] == status
        return body["error"]


@pytest.fixture
def openapi() -> OpenAPI:
    return OpenAPI()


@pytest.fixture(autouse=True)
def _admin_urlconf(settings):
    """Serve the admin surface from the admin API's own routes plus the Django admin."""
    settings.KRATOS_ADMIN_URLCONF = "tests.api.admin.urls"
    settings.ROOT_URLCONF = "tests.api.admin.urls"


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
