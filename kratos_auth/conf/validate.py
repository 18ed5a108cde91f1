"""Validation of the merged tree against the schema, with messages that name the key path.

Messages never echo the offending value: a misconfigured secret must not reach a log.
"""

from __future__ import annotations

from typing import Any

import jsonschema

from kratos_auth.conf.schema import config_schema
from kratos_auth.core.units import UnitError, parse_bytesize, parse_duration

JSON = Any


class ConfigError(ValueError):
    """The configuration is invalid. ``problems`` lists ``(key path, what was expected)``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {path}: {expected}" for path, expected in problems)
        super().__init__(f"invalid Kratos configuration:\n{lines}")


def _path(error: jsonschema.ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    return ".".join(parts) or "(root)"


def _pattern_message(path: str, pattern: str) -> str:
    if "ms|s|m|h" in pattern:
        return "expected a duration such as 15m, 24h or 1h30m"
    if path == "hashers.argon2.memory":
        return "expected KiB (131072) or a size (128MB)"
    if "KB|MB|GB" in pattern:
        return "expected a size such as 128MB or 1GB"
    return f"expected a value matching {pattern}"


def _expected(error: jsonschema.ValidationError) -> tuple[str, str]:
    path, kind, want = _path(error), error.validator, error.validator_value
    if kind == "additionalProperties":
        known = set((error.schema.get("properties") or {}).keys())
        extra = sorted(k for k in error.instance if k not in known) if known else []
        unknown = extra[0] if extra else "?"
        where = unknown if path == "(root)" else f"{path}.{unknown}"
        return where, "unknown key (not in the Kratos configuration schema)"
    if kind == "required":
        missing = [k for k in want if k not in (error.instance or {})]
        key = missing[0] if missing else "?"
        return (key if path == "(root)" else f"{path}.{key}"), "required key is missing"
    exact = error.schema.get("minLength") if isinstance(error.schema, dict) else None
    if kind in ("minLength", "maxLength") and exact == error.schema.get("maxLength"):
        return path, f"expected exactly {exact} characters"
    messages = {
        "type": lambda: f"expected {' or '.join(want) if isinstance(want, list) else want}",
        "enum": lambda: "expected one of " + ", ".join(repr(v) for v in want),
        "const": lambda: f"expected {want!r}",
        "minLength": lambda: f"expected at least {want} characters",
        "maxLength": lambda: f"expected at most {want} characters",
        "pattern": lambda: _pattern_message(path, str(want)),
        "minimum": lambda: f"expected a number >= {want}",
        "maximum": lambda: f"expected a number <= {want}",
        "minItems": lambda: f"expected at least {want} item(s)",
        "maxItems": lambda: f"expected at most {want} item(s)",
        "uniqueItems": lambda: "expected unique items",
        "format": lambda: f"expected a value of format {want}",
    }
    if kind in messages:
        return path, messages[kind]()
    return path, "does not match the schema"


def _check_units(tree: dict[str, JSON]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []

    def walk(node: JSON, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else key)
        elif isinstance(node, str) and path.endswith(("lifespan", "_age", "_duration")):
            try:
                parse_duration(node)
            except UnitError:
                problems.append((path, "expected a duration such as 15m or 24h"))

    walk(tree, "")
    memory = tree.get("hashers", {}).get("argon2", {}).get("memory")
    if isinstance(memory, str):
        try:
            parse_bytesize(memory)
        except UnitError:
            problems.append(("hashers.argon2.memory", "expected KiB (131072) or a size (128MB)"))
    return problems


def _check_secrets(tree: dict[str, JSON]) -> list[tuple[str, str]]:
    """Rules beyond the schema: encryption is never silently off."""
    dev = bool(tree.get("dev"))
    algorithm = (tree.get("ciphers") or {}).get("algorithm", "aes")
    cipher = (tree.get("secrets") or {}).get("cipher")
    if algorithm != "noop" and not dev and not cipher:
        return [
            (
                "secrets.cipher",
                "required outside --dev: a list of secrets of exactly 32 characters "
                f"for ciphers.algorithm={algorithm}",
            )
        ]
    return []


def validate(tree: dict[str, JSON]) -> None:
    """Raise :class:`ConfigError` listing every problem in ``tree``."""
    validator = jsonschema.Draft7Validator(config_schema())
    problems = sorted({_expected(e) for e in validator.iter_errors(tree)})
    reported = {path for path, _ in problems}
    # One message per key: a bad duration already failed the schema's pattern.
    problems += [p for p in _check_units(tree) if p[0] not in reported]
    problems += _check_secrets(tree)
    if problems:
        raise ConfigError(problems)
