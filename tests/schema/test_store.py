"""Configured identity schemas: lookup, caching, schema URLs and Kratos's errors."""

from __future__ import annotations

import base64
import json

import pytest

from kratos_auth.schema import (
    SchemaNotFound,
    SchemaUnavailable,
    UnknownSchema,
    find_schema,
    get_schema,
    list_schemas,
    schema_url,
)

SIMPLE = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {"traits": {"type": "object", "properties": {"name": {"type": "string"}}}},
}


def test_default_is_the_bundled_email_password_preset():
    schema = get_schema()
    assert schema.id == "default"
    assert schema.url.startswith("file://") and schema.url.endswith("email-password.json")
    assert schema.document["properties"]["traits"]["required"] == ["email"]
    assert get_schema(None) is schema and get_schema("") is schema


def test_schema_url_is_public_base_url_plus_base64url_id(settings):
    assert schema_url("default") == "https://auth.example.test/schemas/ZGVmYXVsdA"
    # Raw URL encoding without padding, as Kratos (base64.RawURLEncoding).
    assert schema_url("ü?>") == "https://auth.example.test/schemas/w7w_Pg"
    settings.KRATOS = {**settings.KRATOS, "serve": {"public": {"base_url": "https://x.test/auth/"}}}
    assert schema_url("customer") == "https://x.test/auth/schemas/Y3VzdG9tZXI"


def test_unknown_schema_id_is_kratos_400():
    with pytest.raises(UnknownSchema) as caught:
        get_schema("nope")
    body = caught.value.to_body()["error"]
    assert body["code"] == 400
    assert body["reason"] == "Unable to find JSON Schema ID: nope"


def test_find_schema_accepts_id_or_base64url_and_404s_otherwise(use_identity_schemas):
    use_identity_schemas({"default": "email-password", "customer": SIMPLE})
    assert find_schema("customer").id == "customer"
    encoded = base64.urlsafe_b64encode(b"customer").rstrip(b"=").decode()
    assert find_schema(encoded).id == "customer"
    with pytest.raises(SchemaNotFound) as caught:
        find_schema("unknown")
    body = caught.value.to_body()["error"]
    assert (body["code"], body["reason"]) == (404, "Identity schema `unknown` could not be found.")


def test_list_schemas_in_configuration_order(use_identity_schemas):
    use_identity_schemas({"b": SIMPLE, "a": "email-password"}, default="a")
    assert [s.id for s in list_schemas()] == ["b", "a"]
    assert get_schema().id == "a"


def test_http_schema_is_fetched_once_and_cached(use_identity_schemas, schema_server):
    url = schema_server.serve("/customer.json", json.dumps(SIMPLE).encode())
    use_identity_schemas({"default": url}, allow_private_schema_urls=True)
    first = get_schema()
    assert get_schema() is first
    assert schema_server.requests == ["/customer.json"]


def test_private_http_schema_is_refused_without_override(use_identity_schemas, schema_server):
    url = schema_server.serve("/customer.json", json.dumps(SIMPLE).encode())
    use_identity_schemas({"default": url})
    with pytest.raises(SchemaUnavailable) as caught:
        get_schema()
    assert "private" in caught.value.cause
    body = caught.value.to_body()["error"]
    assert body["code"] == 500
    assert "127.0.0.1" not in json.dumps(body)  # the cause stays in the logs


def test_failures_are_not_cached(use_identity_schemas, schema_server):
    use_identity_schemas(
        {"default": schema_server.url + "/late.json"}, allow_private_schema_urls=True
    )
    with pytest.raises(SchemaUnavailable):
        get_schema()
    schema_server.serve("/late.json", json.dumps(SIMPLE).encode())
    assert get_schema().document == SIMPLE


def test_cache_follows_configuration_changes(use_identity_schemas):
    use_identity_schemas({"default": "email-password"})
    first = get_schema()
    use_identity_schemas({"default": SIMPLE})
    assert get_schema().document == SIMPLE
    use_identity_schemas({"default": "email-password"})
    assert get_schema() is not first and get_schema().id == "default"


@pytest.mark.parametrize(
    "document",
    [[1, 2], {"type": "objekt"}, {"properties": {"traits": {"minLength": -1}}}],
    ids=["not-an-object", "bad-type", "bad-keyword"],
)
def test_invalid_json_schema_is_a_misconfiguration(use_identity_schemas, document):
    use_identity_schemas({"default": document})
    with pytest.raises(SchemaUnavailable) as caught:
        get_schema()
    assert caught.value.status == 500
    assert caught.value.reason.startswith("The file for this JSON Schema ID could not be found")


def test_selfservice_selectable_is_exposed(settings):
    settings.KRATOS = {
        **settings.KRATOS,
        "identity": {
            "schemas": [
                {"id": "default", "url": get_schema().url, "selfservice_selectable": True},
            ]
        },
    }
    assert get_schema().selfservice_selectable is True


def test_relative_refs_resolve_against_the_schema_file(tmp_path, use_identity_schemas):
    (tmp_path / "defs.json").write_text(json.dumps({"definitions": {"name": {"type": "string"}}}))
    main = {
        "type": "object",
        "properties": {
            "traits": {
                "type": "object",
                "properties": {"name": {"$ref": "defs.json#/definitions/name"}},
            }
        },
    }
    (tmp_path / "main.json").write_text(json.dumps(main))
    use_identity_schemas({"default": (tmp_path / "main.json").as_uri()})
    schema = get_schema()
    assert schema.validator.is_valid({"traits": {"name": "x"}})
    assert not schema.validator.is_valid({"traits": {"name": 1}})
    assert "$id" not in schema.document  # the served document stays as configured
