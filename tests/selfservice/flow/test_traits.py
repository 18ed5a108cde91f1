"""Trait nodes from the identity schema, the login identifier's label, form coercion."""

from __future__ import annotations

from kratos_auth.schema import get_schema
from kratos_auth.selfservice.flow import traits

PASSWORD_ID = {"ory.sh/kratos": {"credentials": {"password": {"identifier": True}}}}
SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "traits": {
            "type": "object",
            "properties": {
                "username": {"type": "string", "title": "Username", **PASSWORD_ID},
                "email": {"type": "string", "format": "email", "title": "E-Mail", **PASSWORD_ID},
                "age": {"type": "integer"},
                "newsletter": {"type": "boolean", "title": "News"},
                "site": {"type": "string", "format": "uri", "pattern": "^https://"},
                "birthday": {"$ref": "#/definitions/day"},
            },
            "required": ["username"],
        }
    },
    "definitions": {"day": {"type": "string", "format": "date"}},
}


def test_nodes_follow_the_schema(use_identity_schemas, db):
    use_identity_schemas({"default": SCHEMA})
    nodes = {n["attributes"]["name"]: n for n in traits.trait_nodes(get_schema())}
    assert list(nodes) == [
        "traits.username",
        "traits.email",
        "traits.age",
        "traits.newsletter",
        "traits.site",
        "traits.birthday",
    ]
    assert nodes["traits.username"]["attributes"]["required"] is True
    assert nodes["traits.age"]["attributes"]["type"] == "number"
    assert nodes["traits.newsletter"]["attributes"]["type"] == "checkbox"
    site = nodes["traits.site"]["attributes"]
    assert (site["type"], site["autocomplete"], site["pattern"]) == ("url", "url", "^https://")
    assert nodes["traits.birthday"]["attributes"]["type"] == "date"
    # Two identifying traits: the login field is just "ID" (1070004), as in Kratos.
    assert traits.identifier_label(get_schema())["id"] == 1070004


def test_form_values_are_typed_by_the_schema(use_identity_schemas, db):
    use_identity_schemas({"default": SCHEMA})
    coerced = traits.coerce_form_traits(
        get_schema(), {"age": "42", "newsletter": "on", "username": "007", "site": "x"}
    )
    assert coerced == {"age": 42, "newsletter": True, "username": "007", "site": "x"}
