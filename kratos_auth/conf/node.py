"""Typed, read-only views of the config tree with Kratos's defaults filled in lazily.

``config.selfservice.flows.login.lifespan`` walks the tree by attribute; a key that is
absent yields the schema's default (durations as ``timedelta``, sizes as ``int`` bytes), an
empty section for objects, and ``None`` otherwise. A key the schema does not know raises
``AttributeError``, so typos in code fail loudly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kratos_auth.conf.schema import child_schema, resolve_ref, schema_types
from kratos_auth.core.units import parse_bytesize, parse_duration

JSON = Any
_MISSING = object()


def convert(root: JSON, schema: JSON | None, value: JSON, path: str) -> Any:
    """Turn a raw leaf or branch into its typed form, guided by its schema."""
    if value is None:
        return None
    types = schema_types(root, schema)
    if isinstance(value, dict):
        return Node(value, schema, root, path)
    if isinstance(value, list):
        items = resolve_ref(root, schema).get("items") if isinstance(schema, dict) else None
        return tuple(convert(root, items, v, f"{path}.{i}") for i, v in enumerate(value))
    node = resolve_ref(root, schema) if schema is not None else None
    pattern = node.get("pattern", "") if isinstance(node, dict) else ""
    if path == "hashers.argon2.memory":
        # Integers are KiB (Kratos's security guide), strings are sizes; we hold bytes.
        return value * 1024 if isinstance(value, int) else parse_bytesize(value)
    if isinstance(value, str) and "ms|s|m|h" in pattern:
        return parse_duration(value)
    if isinstance(value, str) and "KB|MB|GB" in pattern:
        return parse_bytesize(value)
    if "integer" in types and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Node:
    """A read-only section of the configuration."""

    # Lookups are cached per node: a node never changes (settings changes build a new tree)
    # and every value handed out (nodes, tuples, timedeltas, scalars) is immutable.
    __slots__ = ("_data", "_schema", "_root", "_path", "_cache")

    def __init__(self, data: dict[str, JSON], schema: JSON | None, root: JSON, path: str) -> None:
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_schema", schema)
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_cache", {})

    def _lookup(self, key: str) -> Any:
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = self._resolve(key)
            return value

    def _resolve(self, key: str) -> Any:
        sub = child_schema(self._root, self._schema, key) if self._schema is not None else None
        path = f"{self._path}.{key}" if self._path else key
        raw = self._data.get(key, _MISSING)
        if raw is not _MISSING:
            return convert(self._root, sub, raw, path)
        if sub is None:
            raise AttributeError(f"unknown configuration key {path!r}")
        if "default" in sub:
            return convert(self._root, sub, sub["default"], path)
        if "object" in schema_types(self._root, sub):
            return Node({}, sub, self._root, path)
        return None

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        return self._lookup(key)

    def __getitem__(self, key: str) -> Any:
        try:
            return self._lookup(key)
        except AttributeError as err:
            raise KeyError(key) from err

    def get(self, key: str, default: Any = None) -> Any:
        try:
            value = self._lookup(key)
        except AttributeError:
            return default
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def keys(self) -> list[str]:
        return list(self._data)

    def raw(self) -> dict[str, JSON]:
        """The raw (untyped) dict as configured, without defaults."""
        return self._data

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("configuration is read-only; change settings.KRATOS instead")

    def __repr__(self) -> str:
        return f"<config {self._path or '(root)'}>"
