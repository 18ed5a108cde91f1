"""Where configuration comes from, lowest to highest precedence.

1. defaults in the schema (applied lazily by :mod:`kratos_auth.conf.node`);
2. the Django setting ``KRATOS`` (a dict with Kratos's key tree);
3. a Kratos YAML file: ``-c FILE``, else the ``KRATOS_CONFIG`` environment variable, else the
   Django setting ``KRATOS_CONFIG``;
4. environment variables named like Kratos's: the key path upper-cased, joined by ``_``
   (``SERVE_PUBLIC_BASE_URL``, ``SECRETS_CIPHER``, ``DSN``).

Lists in the environment: a JSON array (``SECRETS_COOKIE='["a…","b…"]'``), a comma-separated
list for lists of strings (``SECRETS_COOKIE=a…,b…``), or one variable per index
(``SECRETS_COOKIE_0``, ``SECRETS_COOKIE_1``; ``SELFSERVICE_ALLOWED_RETURN_URLS_0``).
Objects take JSON (``IDENTITY_SCHEMAS='[{"id":"default","url":"file://…"}]'``).
Empty variables are ignored; names that match no key are ignored.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from kratos_auth.conf.schema import child_schema, config_schema, schema_types

JSON = Any
CONFIG_ENV = "KRATOS_CONFIG"
# Top-level keys never read from the environment: they collide with common variables.
_ENV_SKIP = {"help", "version", "config", "revision", "clients", "enterprise"}


class SourceError(ValueError):
    """A source could not be read; the message names the source and what was wrong."""


def deep_merge(base: dict[str, JSON], override: Mapping[str, JSON]) -> dict[str, JSON]:
    """Merge ``override`` into a copy of ``base``; dicts merge, everything else replaces."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _yaml_problem(err: yaml.YAMLError) -> str:
    problem = getattr(err, "problem", None) or "syntax error"
    mark = getattr(err, "problem_mark", None)
    if mark is None:
        return str(problem)
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"


def read_yaml(path: str | os.PathLike[str]) -> dict[str, JSON]:
    """Read a Kratos YAML (or JSON) config file."""
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as err:
        raise SourceError(f"config file {file}: cannot be read ({err.strerror})") from err
    except yaml.YAMLError as err:
        # PyYAML's message quotes the offending line, which may hold a secret: keep the
        # problem and its position only.
        raise SourceError(f"config file {file}: not valid YAML ({_yaml_problem(err)})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError(f"config file {file}: expected a mapping at the top level")
    return data


def _coerce(raw: str, types: list[str], name: str) -> JSON:
    text = raw.strip()
    if "array" in types or "object" in types:
        if text[:1] in "[{":
            try:
                return json.loads(text)
            except json.JSONDecodeError as err:
                raise SourceError(f"environment variable {name}: not valid JSON") from err
        if "array" in types:
            return [part.strip() for part in raw.split(",") if part.strip()]
    if "boolean" in types and text.lower() in {"true", "false", "1", "0", "yes", "no"}:
        return text.lower() in {"true", "1", "yes"}
    if "integer" in types:
        try:
            return int(text)
        except ValueError:
            if "string" not in types:
                return raw  # the validator reports the wrong type with the key path
    if "number" in types:
        try:
            return float(text)
        except ValueError:
            pass
    return raw


def _match(root: JSON, schema: JSON, parts: list[str]) -> list[str | int] | None:
    """Split env name parts into a key path the schema knows (longest key first)."""
    if not parts:
        return []
    types = schema_types(root, schema)
    if "array" in types and parts[0].isdigit():
        items = schema.get("items") if isinstance(schema, dict) else None
        rest = _match(root, items, parts[1:]) if parts[1:] else []
        return None if rest is None else [int(parts[0]), *rest]
    for size in range(len(parts), 0, -1):
        key = "_".join(parts[:size]).lower()
        sub = child_schema(root, schema, key)
        if sub is None:
            continue
        rest = _match(root, sub, parts[size:])
        if rest is not None:
            return [key, *rest]
    return None


def _set_path(tree: dict[str, JSON], path: list[str | int], value: JSON) -> None:
    node: Any = tree
    for here, nxt in zip(path, path[1:], strict=False):
        blank: JSON = [] if isinstance(nxt, int) else {}
        if isinstance(node, list):
            while len(node) <= here:  # type: ignore[operator]
                node.append(copy.deepcopy(blank))
            node = node[here]  # type: ignore[index]
        else:
            if not isinstance(node.get(here), dict | list):
                node[here] = blank
            node = node[here]
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= last:  # type: ignore[operator]
            node.append(None)
    node[last] = value


def _schema_at(root: JSON, path: list[str | int]) -> JSON | None:
    node = root
    for part in path:
        if isinstance(part, int):
            node = node.get("items") if isinstance(node, dict) else None
        else:
            node = child_schema(root, node, part)
        if node is None:
            return None
    return node


def from_environment(environ: Mapping[str, str]) -> dict[str, JSON]:
    """The config tree expressed by ``environ`` (only names that map to schema keys)."""
    root = config_schema()
    tree: dict[str, JSON] = {}
    for name in sorted(environ):
        if not name.isupper():
            continue
        parts = [p for p in name.split("_") if p]
        if not parts or parts[0].lower() in _ENV_SKIP or name == CONFIG_ENV:
            continue
        if not environ[name].strip():
            continue  # an empty variable (``DSN=`` in a compose file) means "not set"
        path = _match(root, root, parts)
        if not path:
            continue
        types = schema_types(root, _schema_at(root, path))
        _set_path(tree, path, _coerce(environ[name], types, name))
    return tree


def collect(
    setting: Mapping[str, JSON] | None,
    environ: Mapping[str, str] | None = None,
    config_file: str | None = None,
) -> dict[str, JSON]:
    """Merge the sources (setting < YAML file < environment) into one raw tree."""
    env = os.environ if environ is None else environ
    tree: dict[str, JSON] = deep_merge({}, setting or {})
    path = config_file or env.get(CONFIG_ENV)
    if path:
        tree = deep_merge(tree, read_yaml(path))
    return deep_merge(tree, from_environment(env))
