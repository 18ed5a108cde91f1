"""Validate response bodies against api.json's ``#/components/schemas/<name>``.

    from tests.contracts.openapi import validate, validate_list, check_error

    validate(response.json(), "session")
    validate_list(response.json(), "session")            # for list endpoints
    error = check_error(response, 401, "session_inactive")

Kratos's spec is OpenAPI 3.0; it is adapted once for JSON Schema draft 4 (which 3.0 follows):

* ``nullable: true`` becomes ``type: [<type>, "null"]`` (or ``anyOf`` around a ``$ref``);
* an object schema with ``additionalProperties: false`` and no ``properties`` is how the
  spec renders Go's ``map[string]interface{}`` (``genericError.details``): Kratos itself
  sends keys there (``redirect_browser_to``), so it is read as "any object";
* ``format`` is checked for ``date-time`` (RFC 3339 with a zone), ``uuid`` and ``uuid4``.

``$ref``s are resolved against the spec's own ``components``.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import uuid
from pathlib import Path
from typing import Any

import jsonschema

API_JSON = Path(__file__).resolve().parent / "kratos" / "api.json"

FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        raise ValueError("not an RFC 3339 date-time")
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("date-time without a time zone")
    return True


@FORMATS.checks("uuid", raises=ValueError)
@FORMATS.checks("uuid4", raises=ValueError)
def _uuid(value: object) -> bool:
    if isinstance(value, str):
        uuid.UUID(value)
    return True


def _adapt(node: Any) -> Any:
    if isinstance(node, list):
        return [_adapt(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _adapt(value) for key, value in node.items()}
    if node.get("additionalProperties") is False and not node.get("properties"):
        node.pop("additionalProperties")
    if node.pop("nullable", False):
        kind = node.get("type")
        if isinstance(kind, str):
            node["type"] = [kind, "null"]
        elif "$ref" in node:
            node = {"anyOf": [{"$ref": node.pop("$ref")}, {"type": "null"}], **node}
    return node


@functools.cache
def components() -> dict[str, Any]:
    """api.json's ``components``, adapted (see the module docstring)."""
    spec = json.loads(API_JSON.read_text(encoding="utf-8"))
    return _adapt(copy.deepcopy(spec["components"]))


@functools.cache
def _validator(name: str) -> jsonschema.Draft4Validator:
    if name not in components()["schemas"]:
        raise KeyError(f"api.json has no schema named {name!r}")
    schema = {"$ref": f"#/components/schemas/{name}", "components": components()}
    return jsonschema.Draft4Validator(schema, format_checker=FORMATS)


def validate(body: Any, name: str) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``body`` matches schema ``name``."""
    _validator(name).validate(body)


def validate_list(body: Any, name: str) -> None:
    """``body`` is a JSON array whose every item matches schema ``name``."""
    assert isinstance(body, list), f"expected a JSON array, got {type(body).__name__}"
    for item in body:
        validate(item, name)


def check_error(response: Any, status: int, error_id: str | None = None) -> dict[str, Any]:
    """Assert a Kratos error response (``errorGeneric``) with ``status`` (and ``error_id``);
    returns the ``error`` object."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    validate(body, "errorGeneric")
    error = body["error"]
    assert error["code"] == status
    if error_id is not None:
        assert error.get("id") == error_id, error
    return error
