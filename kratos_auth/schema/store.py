"""The configured identity schemas (``identity.schemas``), loaded once and cached.

Each schema is read on first use (see :mod:`kratos_auth.schema.loader`), checked against its
meta-schema (Draft 7 unless ``$schema`` names another draft, e.g. 2020-12) and compiled.
The cache is keyed on the configured schema list, so a reloaded configuration with other
schemas starts afresh; failures are never cached.
"""

from __future__ import annotations

import base64
import binascii
import copy
import functools
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT7

from kratos_auth.conf import config
from kratos_auth.schema.errors import SchemaNotFound, SchemaUnavailable, UnknownSchema
from kratos_auth.schema.formats import format_checker
from kratos_auth.schema.loader import SchemaLoadError, describe, load_document

JSON = Any
logger = logging.getLogger("kratos_auth.schema")


@dataclass(frozen=True, eq=False)
class IdentitySchema:
    """A loaded identity schema. ``document`` is the schema as configured (do not mutate)."""

    id: str
    url: str
    document: Mapping[str, JSON] = field(repr=False)
    selfservice_selectable: bool = False
    validator: Any = field(repr=False, default=None)
    registry: Registry = field(repr=False, default_factory=Registry)
    base_uri: str = ""

    def resolver(self) -> Any:
        """A ``referencing`` resolver rooted at this schema (for walking ``$ref``s)."""
        return self.registry.resolver(base_uri=self.base_uri)


_lock = threading.Lock()
_state: dict[str, Any] = {"key": None, "schemas": {}}


def _configured() -> tuple[tuple[tuple[str, str, bool], ...], bool]:
    entries = tuple(
        (str(s.id), str(s.url), bool(s.get("selfservice_selectable", False)))
        for s in config.identity.schemas
    )
    return entries, bool(config.identity.allow_private_schema_urls)


def default_schema_id() -> str:
    """``identity.default_schema_id`` (Kratos's default: ``default``)."""
    return str(config.identity.default_schema_id or "default")


def schema_ids() -> tuple[str, ...]:
    """The configured schema ids, in configuration order."""
    return tuple(entry[0] for entry in _configured()[0])


def get_schema(schema_id: str | None = None) -> IdentitySchema:
    """The schema ``schema_id`` (the default schema when empty).

    Raises :class:`UnknownSchema` (400) for an id that is not configured and
    :class:`SchemaUnavailable` (500) when the configured document cannot be used.
    """
    wanted = schema_id or default_schema_id()
    key = _configured()
    entries, allow_private = key
    with _lock:
        if _state["key"] != key:
            _state["key"], _state["schemas"] = key, {}
        cached = _state["schemas"].get(wanted)
    if cached is not None:
        return cached
    entry = next((e for e in entries if e[0] == wanted), None)
    if entry is None:
        raise UnknownSchema(wanted)
    schema = _compile(entry, allow_private)
    with _lock:
        if _state["key"] == key:
            _state["schemas"].setdefault(wanted, schema)
            schema = _state["schemas"][wanted]
    return schema


def find_schema(id_or_encoded: str) -> IdentitySchema:
    """Look up a schema for ``GET /schemas/{id}``: by id, then by its base64url form.

    Raises :class:`SchemaNotFound` (404) like Kratos's getIdentitySchema.
    """
    ids = schema_ids()
    candidate = id_or_encoded
    if candidate not in ids:
        try:
            padded = id_or_encoded + "=" * (-len(id_or_encoded) % 4)
            candidate = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeError):
            candidate = id_or_encoded
    if not candidate or candidate not in ids:
        raise SchemaNotFound(candidate)
    return get_schema(candidate)


def list_schemas() -> list[IdentitySchema]:
    """Every configured schema, loaded, in configuration order."""
    return [get_schema(schema_id) for schema_id in schema_ids()]


def schema_url(schema_id: str) -> str:
    """Where the schema is served: ``<serve.public.base_url>/schemas/<base64url(id)>``."""
    encoded = base64.urlsafe_b64encode(schema_id.encode("utf-8")).rstrip(b"=").decode("ascii")
    return f"{public_base_url().rstrip('/')}/schemas/{encoded}"


def public_base_url() -> str:
    """``serve.public.base_url``, or the address the public surface listens on."""
    public = config.serve.public
    if public.base_url:
        return str(public.base_url)
    return f"http://{public.host or '127.0.0.1'}:{public.port or 4433}/"


def clear_cache() -> None:
    """Forget every loaded schema and remote ``$ref`` document."""
    with _lock:
        _state["key"], _state["schemas"] = None, {}
    _retrieve_cached.cache_clear()


def _compile(entry: tuple[str, str, bool], allow_private: bool) -> IdentitySchema:
    schema_id, url, selectable = entry
    try:
        document = load_document(url, allow_private=allow_private)
    except SchemaLoadError as err:
        logger.error("identity schema %r unavailable: %s", schema_id, err)
        raise SchemaUnavailable(schema_id, str(err)) from err
    if not isinstance(document, dict):
        raise _invalid(schema_id, url, "the document is not a JSON object")
    cls = validator_for(document, default=Draft7Validator)
    try:
        cls.check_schema(document)
    except SchemaError as err:
        raise _invalid(schema_id, url, f"not a valid JSON Schema ({err.message})") from err
    working = copy.deepcopy(document)
    if "$id" not in working and not url.lower().startswith("base64://"):
        # Kratos compiles the schema under its URL, so relative $refs resolve against it.
        working["$id"] = url
    base_uri = str(working.get("$id", "")).split("#", 1)[0]
    registry: Registry = Registry(retrieve=functools.partial(_retrieve, allow_private))
    registry = registry.with_resource(
        base_uri, Resource.from_contents(working, default_specification=DRAFT7)
    )
    validator = cls(working, registry=registry, format_checker=format_checker(cls.FORMAT_CHECKER))
    return IdentitySchema(
        id=schema_id,
        url=url,
        document=document,
        selfservice_selectable=selectable,
        validator=validator,
        registry=registry,
        base_uri=base_uri,
    )


def _invalid(schema_id: str, url: str, cause: str) -> SchemaUnavailable:
    logger.error("identity schema %r at %s is unusable: %s", schema_id, describe(url), cause)
    return SchemaUnavailable(schema_id, cause)


def _retrieve(allow_private: bool, uri: str) -> Resource:
    """Fetch a remote ``$ref`` target through the same bounded, guarded loader."""
    try:
        return _retrieve_cached(uri, allow_private)
    except SchemaLoadError as err:
        raise NoSuchResource(ref=uri) from err


@functools.lru_cache(maxsize=64)
def _retrieve_cached(uri: str, allow_private: bool) -> Resource:
    document = load_document(uri, allow_private=allow_private)
    return Resource.from_contents(document, default_specification=DRAFT7)
