"""Traits are validated like Kratos does, with its message ids, pointers and reasons."""

from __future__ import annotations

import pytest

from kratos_auth.schema import TraitsInvalid, check_traits, get_schema, validate_traits

RICH = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "definitions": {"tag": {"type": "string", "pattern": "^[a-z]+$"}},
    "properties": {
        "traits": {
            "type": "object",
            "properties": {
                "email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 20},
                "age": {"type": "integer", "minimum": 18, "maximum": 130, "multipleOf": 1},
                "score": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10},
                "tags": {
                    "type": "array",
                    "items": {"$ref": "#/definitions/tag"},
                    "minItems": 1,
                    "maxItems": 2,
                    "uniqueItems": True,
                },
                "plan": {"enum": ["free", "pro"]},
                "step": {"type": "integer", "multipleOf": 5},
                "tos": {"const": True},
                "name": {"type": "object", "properties": {"first": {"type": "string"}}},
            },
            "required": ["email", "name"],
            "additionalProperties": False,
        }
    },
}


@pytest.fixture
def rich(use_identity_schemas):
    use_identity_schemas({"default": RICH})
    return get_schema()


def messages(schema, traits):
    return {(v.field, v.message["id"]): v.message for v in check_traits(schema, traits)}


def test_valid_traits_pass(rich):
    traits = {"email": "a@b.co", "name": {"first": "A"}, "tags": ["x"], "tos": True}
    assert check_traits(rich, traits) == ()
    validate_traits(rich, traits)


def test_required_gives_4000002_on_the_missing_node(rich):
    found = messages(rich, {})
    assert found[("traits.email", 4000002)] == {
        "id": 4000002,
        "text": "Property email is missing.",
        "type": "error",
        "context": {"property": "email"},
    }
    assert found[("traits.name", 4000002)]["text"] == "Property name is missing."


@pytest.mark.parametrize(
    ("traits", "field", "message_id", "text", "context"),
    [
        ({"email": "a@"}, "traits.email", 4000003, "length must be >= 3, but got 2",
         {"min_length": 3, "actual_length": 2}),
        ({"email": "a" * 15 + "@b.coo"}, "traits.email", 4000017,
         "length must be <= 20, but got 21", {"max_length": 20, "actual_length": 21}),
        ({"tags": ["A"]}, "traits.tags.0", 4000004, 'does not match pattern "^[a-z]+$"',
         {"pattern": "^[a-z]+$"}),
        ({"age": 17}, "traits.age", 4000018, "must be >= 18 but found 17",
         {"minimum": 18, "actual": 17}),
        ({"age": 131}, "traits.age", 4000020, "must be <= 130 but found 131",
         {"maximum": 130, "actual": 131}),
        ({"score": 0}, "traits.score", 4000019, "must be > 0 but found 0",
         {"minimum": 0, "actual": 0}),
        ({"score": 10}, "traits.score", 4000021, "must be < 10 but found 10",
         {"maximum": 10, "actual": 10}),
        ({"step": 7}, "traits.step", 4000022, "7 not multipleOf 5", {"base": 5, "actual": 7}),
        ({"tags": []}, "traits.tags", 4000024, "minimum 1 items allowed, but found 0 items",
         {"min_items": 1, "actual_items": 0}),
        ({"tags": ["a", "b", "c"]}, "traits.tags", 4000023,
         "maximum 2 items allowed, but found 3 items", {"max_items": 2, "actual_items": 3}),
        ({"tags": ["a", "a"]}, "traits.tags", 4000025, "items at index 0 and 1 are equal",
         {"index_a": 0, "index_b": 1}),
        ({"age": "x"}, "traits.age", 4000026, "expected integer, but got string",
         {"allowed_types": ["integer"], "actual_type": "string"}),
        ({"tos": False}, "traits.tos", 4000029, "must be equal to constant true",
         {"expected": "true"}),
        ({"email": "no-at-sign"}, "traits.email", 4000001, '"no-at-sign" is not valid "email"',
         {"reason": '"no-at-sign" is not valid "email"'}),
        ({"plan": "gold"}, "traits.plan", 4000001, 'value must be one of "free", "pro"',
         {"reason": 'value must be one of "free", "pro"'}),
        ({"extra": 1}, "traits", 4000001, 'additionalProperties "extra" not allowed',
         {"reason": 'additionalProperties "extra" not allowed'}),
    ],
)  # fmt: skip
def test_keyword_failures_map_to_kratos_messages(rich, traits, field, message_id, text, context):
    base = {"email": "a@b.co", "name": {}}
    found = messages(rich, {**base, **traits})
    assert (field, message_id) in found, found
    assert found[(field, message_id)]["text"] == text
    assert found[(field, message_id)]["context"] == context
    assert found[(field, message_id)]["type"] == "error"


def test_traits_invalid_is_a_400_with_kratos_reason(rich):
    with pytest.raises(TraitsInvalid) as caught:
        validate_traits(rich, {"email": "a@b.co", "name": {"first": 5}})
    error = caught.value
    assert error.status == 400
    assert [v.field for v in error.violations] == ["traits.name.first"]
    assert error.violations[0].pointer == "#/traits/name/first"
    assert error.reason == (
        "I[#/traits/name/first] S[#/properties/traits/properties/name/properties/first/type] "
        "expected string, but got integer"
    )
    body = error.to_body()["error"]
    assert (body["id"], body["code"], body["status"]) == ("bad_request", 400, "Bad Request")


def test_several_failures_are_listed_under_validation_failed(rich):
    with pytest.raises(TraitsInvalid) as caught:
        validate_traits(rich, {"name": 5})
    lines = caught.value.reason.split("\n")
    assert lines[0] == "I[#] S[#] validation failed"
    assert any("Property email is missing." in line for line in lines[1:])
    assert any("expected object, but got integer" in line for line in lines[1:])


def test_traits_must_be_an_object(rich):
    found = messages(rich, "not-an-object")
    assert found[("traits", 4000026)]["context"] == {
        "allowed_types": ["object"],
        "actual_type": "string",
    }


def test_combinator_failures_report_their_causes(use_identity_schemas):
    use_identity_schemas(
        {
            "default": {
                "type": "object",
                "properties": {
                    "traits": {
                        "type": "object",
                        "properties": {
                            "contact": {
                                "anyOf": [
                                    {"type": "string", "format": "email"},
                                    {"type": "string", "minLength": 10},
                                ]
                            }
                        },
                    }
                },
            }
        }
    )
    found = messages(get_schema(), {"contact": "short"})
    assert ("traits.contact", 4000003) in found
    assert ("traits.contact", 4000001) in found  # the email branch


def test_draft_2020_12_schemas_are_validated_with_their_draft(use_identity_schemas):
    use_identity_schemas(
        {
            "default": {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "$defs": {"code": {"type": "string", "minLength": 4}},
                "properties": {
                    "traits": {
                        "type": "object",
                        "properties": {
                            "codes": {"type": "array", "prefixItems": [{"$ref": "#/$defs/code"}]},
                            "email": {"type": "string", "format": "email"},
                        },
                        "dependentRequired": {"codes": ["email"]},
                    }
                },
            }
        }
    )
    found = messages(get_schema(), {"codes": ["abc"]})
    assert ("traits.codes.0", 4000003) in found
    assert ("traits", 4000001) in found  # dependentRequired (2020-12 only)
    assert messages(get_schema(), {"email": "bad"})[("traits.email", 4000001)]["text"] == (
        '"bad" is not valid "email"'
    )
