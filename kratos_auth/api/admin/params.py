"""Reading admin requests: JSON bodies (bounded, strict) and path/query parameters.

Everything here raises :class:`KratosError` subclasses (400/413/415), never lets a parser
exception become a 500, and checks sizes before parsing.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.http import HttpRequest, QueryDict

from kratos_auth.core import storable
from kratos_auth.errors import BadRequest, KratosError, PayloadTooLarge
from kratos_auth.text import ErrorId
from kratos_auth.text import admin as text

JSON = Any

SINGLE_BODY_LIMIT = 1 << 20  # 1 MiB: one identity with its credentials
BATCH_BODY_LIMIT = 32 << 20  # 32 MiB: 1,000 identities with hashes, traits and metadata
MAX_JSON_DEPTH = 64


class UnsupportedMediaType(KratosError):
    status = 415
    id = ErrorId.UNSUPPORTED_MEDIA_TYPE


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def read_json(
    request: HttpRequest, *, limit: int = SINGLE_BODY_LIMIT, check_strings: bool = True
) -> JSON:
    """The request body as JSON. 415 unless JSON, 413 past ``limit`` bytes, 400 if malformed
    or holding a string no database can store (unless ``check_strings`` is False: a batch
    checks each item on its own)."""
    if not _is_json(request.META.get("CONTENT_TYPE", "")):
        raise UnsupportedMediaType(text.UNSUPPORTED_MEDIA_TYPE)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise PayloadTooLarge(text.BODY_TOO_LARGE.format(limit=limit))
    # Read the stream directly: Django's DATA_UPLOAD_MAX_MEMORY_SIZE is not ours to tune.
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise PayloadTooLarge(text.BODY_TOO_LARGE.format(limit=limit))
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise BadRequest(text.MALFORMED_JSON.format(problem="it is not UTF-8")) from None
    except RecursionError:
        raise BadRequest(text.MALFORMED_JSON.format(problem="it is nested too deeply")) from None
    except ValueError as err:
        problem = err.msg if isinstance(err, json.JSONDecodeError) else str(err)
        raise BadRequest(text.MALFORMED_JSON.format(problem=problem)) from None
    problem = storable.text_problem(value, MAX_JSON_DEPTH, strings=check_strings)
    if problem:
        raise BadRequest(text.UNSTORABLE_BODY.format(problem=problem))
    return value


def read_json_object(
    request: HttpRequest, *, limit: int = SINGLE_BODY_LIMIT, check_strings: bool = True
) -> dict[str, JSON]:
    body = read_json(request, limit=limit, check_strings=check_strings)
    if not isinstance(body, dict):
        raise BadRequest(text.BODY_NOT_OBJECT)
    return body


def read_json_array(request: HttpRequest, *, limit: int = SINGLE_BODY_LIMIT) -> list[JSON]:
    body = read_json(request, limit=limit)
    if not isinstance(body, list):
        raise BadRequest(text.BODY_NOT_ARRAY)
    return body


def parse_uuid(value: str, name: str = "id") -> uuid.UUID:
    """A UUID from a path or query parameter; 400 if it is not one."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        raise BadRequest(text.INVALID_UUID.format(name=name)) from None


def parse_uuid_or_404(value: str) -> uuid.UUID | None:
    """A UUID, or None when ``value`` is not one (an unknown id: the caller answers 404)."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        return None


def parse_text(query: QueryDict, name: str) -> str | None:
    """A free-text query parameter (None when absent or empty); 400 if it holds a NUL
    character or invalid Unicode, which no lookup could match on every database."""
    value = query.get(name) or None
    if value is not None and storable.text_problem(value):
        raise BadRequest(text.INVALID_PARAMETER.format(value=value[:64], name=name))
    return value


def parse_choices(query: QueryDict, name: str, allowed: frozenset[str]) -> list[str]:
    """All values of a repeated query parameter, each one of ``allowed``; 400 otherwise."""
    values = []
    for value in query.getlist(name):
        if value not in allowed:
            raise BadRequest(text.INVALID_PARAMETER.format(value=value[:64], name=name))
        if value not in values:
            values.append(value)
    return values
