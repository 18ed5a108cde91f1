"""Helpers for identity tests: api.json shape checks and a cheap password hash."""

from __future__ import annotations

import copy

import jsonschema
import pytest


def _nullable(node):
    if isinstance(node, dict):
        node = {k: _nullable(v) for k, v in node.items()}
        if node.pop("nullable", False) and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        return node
    if isinstance(node, list):
        return [_nullable(v) for v in node]
    return node


@pytest.fixture(scope="session")
def api_shape(api_spec):
    """``api_shape("identity", body)`` validates ``body`` against api.json's component."""
    components = _nullable(copy.deepcopy(api_spec["components"]))

    def check(component: str, body) -> None:
        schema = {"$ref": f"#/components/schemas/{component}", "components": components}
        jsonschema.Draft7Validator(schema).validate(body)

    return check


@pytest.fixture(autouse=True)
def _fresh_schema_cache():
    from kratos_auth.schema import clear_cache

    clear_cache()
    yield
    clear_cache()
