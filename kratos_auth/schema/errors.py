"""Errors of the identity schema layer, with Kratos's status codes and wording."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kratos_auth.errors import BadRequest, InternalError, NotFound
from kratos_auth.text import identity as texts

JSON = Any


class UnknownSchema(BadRequest):
    """An identity names a schema id that is not configured (Kratos: 400)."""

    def __init__(self, schema_id: str) -> None:
        super().__init__(texts.UNKNOWN_SCHEMA_ID.format(schema_id=schema_id))
        self.schema_id = schema_id


class SchemaNotFound(NotFound):
    """``GET /schemas/{id}`` for an id that is not configured (Kratos: 404)."""

    def __init__(self, schema_id: str) -> None:
        super().__init__(texts.SCHEMA_NOT_FOUND.format(schema_id=schema_id))
        self.schema_id = schema_id


class SchemaUnavailable(InternalError):
    """A configured schema cannot be read or is not a valid JSON Schema.

    This is a configuration problem: the client sees Kratos's generic 500 reason; the
    cause (file missing, host refused, invalid JSON …) is in ``cause`` for the logs.
    """

    reason = texts.SCHEMA_UNAVAILABLE

    def __init__(self, schema_id: str, cause: str) -> None:
        super().__init__()
        self.schema_id = schema_id
        self.cause = cause


@dataclass(frozen=True)
class TraitViolation:
    """One failed rule of the identity schema, located in the ``{"traits": …}`` document.

    ``pointer`` is the JSON pointer fragment of the offending value (``#/traits/email``),
    ``field`` the UI node name Kratos derives from it (``traits.email``; empty for the
    whole document), ``schema_pointer`` the failing keyword in the schema, and ``message``
    the ``uiText`` (id, text, type, context) that flows put on that node.
    """

    pointer: str
    field: str
    schema_pointer: str
    message: JSON

    @property
    def text(self) -> str:
        return str(self.message["text"])


class TraitsInvalid(BadRequest):
    """The traits do not satisfy the identity schema (Kratos: 400).

    ``violations`` lists every failure with its location and UI message, so a flow can
    attach the messages to its nodes; ``reason`` renders them as Kratos's validator does
    (``I[#/traits/email] S[#/properties/…/minLength] length must be >= 3, but got 2``).
    """

    def __init__(self, violations: Sequence[TraitViolation]) -> None:
        self.violations = tuple(violations)
        super().__init__(_render(self.violations))


def _render(violations: Sequence[TraitViolation]) -> str:
    lines = [
        texts.JSONSCHEMA_LOCATION.format(
            instance=v.pointer, schema=v.schema_pointer or "#", message=v.text
        )
        for v in violations
    ]
    if len(lines) == 1:
        return lines[0]
    head = texts.JSONSCHEMA_LOCATION.format(
        instance="#", schema="#", message=texts.JSONSCHEMA_VALIDATION_FAILED
    )
    return "\n  ".join([head, *lines])
