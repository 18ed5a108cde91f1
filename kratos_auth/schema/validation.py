"""Traits validation with Kratos's messages.

Kratos validates the document ``{"traits": …}`` against the identity schema and turns every
failed keyword into a UI message placed on the node named after the value's JSON pointer
(``#/traits/email`` → ``traits.email``): ``required`` → 4000002, ``minLength`` → 4000003,
``pattern`` → 4000004, ``maxLength`` → 4000017, …, ``type`` → 4000026, ``const`` →
4000029/4000030, anything else (``format``, ``enum``, …) → 4000001 with the validator's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from jsonschema.exceptions import ValidationError
from referencing.exceptions import Unresolvable

from kratos_auth.schema.errors import SchemaUnavailable, TraitsInvalid, TraitViolation
from kratos_auth.schema.store import IdentitySchema
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import identity as texts

JSON = Any

_RANGE = {
    "minimum": (MessageId.ERROR_VALIDATION_MINIMUM, "minimum"),
    "exclusiveMinimum": (MessageId.ERROR_VALIDATION_EXCLUSIVE_MINIMUM, "minimum"),
    "maximum": (MessageId.ERROR_VALIDATION_MAXIMUM, "maximum"),
    "exclusiveMaximum": (MessageId.ERROR_VALIDATION_EXCLUSIVE_MAXIMUM, "maximum"),
}


def validate_traits(schema: IdentitySchema, traits: JSON) -> None:
    """Raise :class:`TraitsInvalid` unless ``traits`` satisfy ``schema``."""
    violations = check_traits(schema, traits)
    if violations:
        raise TraitsInvalid(violations)


def check_traits(schema: IdentitySchema, traits: JSON) -> tuple[TraitViolation, ...]:
    """Every violation of ``schema`` by ``traits``, in document order (empty when valid)."""
    try:
        errors = list(schema.validator.iter_errors({"traits": traits}))
    except Unresolvable as err:  # jsonschema wraps referencing's error in a subclass
        raise SchemaUnavailable(schema.id, f"unresolvable $ref: {err}") from err
    errors.sort(key=lambda e: ([str(p) for p in e.absolute_path], str(e.validator)))
    return unique(v for error in errors for v in _translate(error))


def unique(violations: Iterable[TraitViolation]) -> tuple[TraitViolation, ...]:
    """``violations`` without repeats (same node, same message), order kept."""
    seen: set[str] = set()
    result = []
    for violation in violations:
        key = json.dumps([violation.field, violation.message], sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            result.append(violation)
    return tuple(result)


def pointer_of(path: Sequence[JSON]) -> str:
    """The JSON pointer fragment (``#/traits/email``) of an instance path."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in path)
    return "#" + "".join(f"/{part}" for part in escaped)


def field_of(path: Sequence[JSON]) -> str:
    """Kratos's node name for an instance path (``traits.email``; ``""`` at the root)."""
    return ".".join(str(p) for p in path)


def violation(path: Sequence[JSON], schema_path: Sequence[JSON], message: JSON) -> TraitViolation:
    """A :class:`TraitViolation` at ``path`` for the failing keyword at ``schema_path``."""
    return TraitViolation(
        pointer=pointer_of(path),
        field=field_of(path),
        schema_pointer=pointer_of(schema_path),
        message=message,
    )


def generic(reason: str) -> JSON:
    """The generic validation message (4000001) carrying ``reason``."""
    return ui_text(MessageId.ERROR_VALIDATION_GENERIC, reason=reason)


def quote(value: JSON) -> str:
    """Go's ``%q``/JSON rendering of a value inside a message."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _translate(error: ValidationError) -> Iterator[TraitViolation]:
    if error.validator in ("anyOf", "oneOf", "allOf") and error.context:
        # Kratos reports the causes of a failed combinator, not the combinator itself.
        for cause in error.context:
            yield from _translate(cause)
        return
    path = list(error.absolute_path)
    schema_path = list(error.absolute_schema_path)
    if error.validator == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        for name in error.validator_value:
            if name not in present:
                message = ui_text(MessageId.ERROR_VALIDATION_REQUIRED, property=name)
                yield violation([*path, name], schema_path, message)
        return
    yield violation(path, schema_path, _message(error))


def _message(error: ValidationError) -> JSON:
    keyword, expected, instance = str(error.validator), error.validator_value, error.instance
    if keyword in ("minLength", "maxLength"):
        return ui_text(
            MessageId.ERROR_VALIDATION_MIN_LENGTH
            if keyword == "minLength"
            else MessageId.ERROR_VALIDATION_MAX_LENGTH,
            **{f"{keyword[:3]}_length": expected, "actual_length": len(instance)},
        )
    if keyword == "pattern":
        return ui_text(MessageId.ERROR_VALIDATION_INVALID_FORMAT, pattern=expected)
    if keyword in _RANGE:
        message_id, name = _RANGE[keyword]
        return ui_text(message_id, **{name: expected, "actual": instance})
    if keyword == "multipleOf":
        return ui_text(MessageId.ERROR_VALIDATION_MULTIPLE_OF, base=expected, actual=instance)
    if keyword in ("minItems", "maxItems"):
        message_id = (
            MessageId.ERROR_VALIDATION_MIN_ITEMS
            if keyword == "minItems"
            else MessageId.ERROR_VALIDATION_MAX_ITEMS
        )
        return ui_text(
            message_id, **{f"{keyword[:3]}_items": expected, "actual_items": len(instance)}
        )
    if keyword == "uniqueItems":
        index_a, index_b = _first_duplicate(instance)
        return ui_text(MessageId.ERROR_VALIDATION_UNIQUE_ITEMS, index_a=index_a, index_b=index_b)
    if keyword == "type":
        return _wrong_type(expected, instance)
    if keyword == "const":
        return ui_text(MessageId.ERROR_VALIDATION_CONST, expected=quote(expected))
    return generic(_reason(keyword, expected, instance, error))


def _wrong_type(expected: JSON, instance: JSON) -> JSON:
    allowed = [expected] if isinstance(expected, str) else list(expected)
    actual = json_type(instance)
    message = ui_text(
        MessageId.ERROR_VALIDATION_WRONG_TYPE,
        allowed_types_list=" or ".join(allowed),
        actual_type=actual,
    )
    message["context"] = {"allowed_types": allowed, "actual_type": actual}
    return message


def _reason(keyword: str, expected: JSON, instance: JSON, error: ValidationError) -> str:
    if keyword == "format":
        return texts.JSONSCHEMA_FORMAT.format(value=quote(instance), format=quote(expected))
    if keyword == "enum":
        return texts.JSONSCHEMA_ENUM.format(values=", ".join(quote(v) for v in expected))
    if keyword == "additionalProperties" and isinstance(instance, dict):
        names = _additional(instance, error.schema)
        return texts.JSONSCHEMA_ADDITIONAL_PROPERTIES.format(
            names=", ".join(quote(n) for n in names)
        )
    if keyword in ("minProperties", "maxProperties"):
        template = (
            texts.JSONSCHEMA_MIN_PROPERTIES
            if keyword == "minProperties"
            else texts.JSONSCHEMA_MAX_PROPERTIES
        )
        return template.format(expected=expected, actual=len(instance))
    simple = {
        "contains": texts.JSONSCHEMA_CONTAINS,
        "not": texts.JSONSCHEMA_NOT,
        "oneOf": texts.JSONSCHEMA_ONE_OF,
        "anyOf": texts.JSONSCHEMA_ANY_OF,
        "None": texts.JSONSCHEMA_FALSE,
    }
    return simple.get(keyword) or texts.JSONSCHEMA_GENERIC.format(keyword=keyword)


def _additional(instance: dict[str, JSON], schema: JSON) -> list[str]:
    known = set(schema.get("properties", {})) if isinstance(schema, dict) else set()
    patterns = list(schema.get("patternProperties", {})) if isinstance(schema, dict) else []
    return [
        name
        for name in instance
        if name not in known and not any(re.search(p, name) for p in patterns)
    ]


def _first_duplicate(items: JSON) -> tuple[int, int]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            return seen[key], index
        seen[key] = index
    return -1, -1


def json_type(value: JSON) -> str:
    """The JSON type name of a decoded value (``integer`` for whole numbers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
