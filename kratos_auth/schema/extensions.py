"""The ``ory.sh/kratos`` extension: which traits are identifiers and addresses.

A trait's schema may carry::

    "ory.sh/kratos": {
      "credentials": {
        "password": {"identifier": true},
        "webauthn": {"identifier": true},
        "passkey":  {"identifier": true, "display_name": true},
        "code":     {"identifier": true, "via": "email" | "sms"},
        "totp":     {"account_name": true}
      },
      "verification": {"via": "email" | "sms"},
      "recovery":     {"via": "email" | "sms"}
    }

:func:`collect` walks the schema against the document ``{"traits": …}`` — through ``$ref``,
``allOf``, the ``anyOf``/``oneOf``/``if`` branches the traits satisfy, nested objects and
arrays (an extension on an array applies to each of its string items) — and returns a
:class:`TraitsExtensions`. Values are normalised (:mod:`kratos_auth.schema.normalize`);
empty values are skipped. Addresses that are not valid for their channel are reported as
violations, as Kratos's extension runners do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from referencing import Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT7

from kratos_auth.schema.errors import SchemaUnavailable, TraitsInvalid, TraitViolation
from kratos_auth.schema.formats import is_email, is_tel
from kratos_auth.schema.normalize import (
    normalize_address,
    normalize_code_identifier,
    normalize_identifier,
)
from kratos_auth.schema.store import IdentitySchema
from kratos_auth.schema.validation import check_traits, generic, quote, unique, violation
from kratos_auth.text import identity as texts

JSON = Any
EXTENSION_KEY = "ory.sh/kratos"
IDENTIFIER_TYPES = ("password", "webauthn", "passkey", "code")
CHANNELS = ("email", "sms")
_MAX_DEPTH = 64


@dataclass(frozen=True)
class TraitIdentifier:
    """A credential identifier found in the traits (``value`` is normalised)."""

    type: str
    value: str
    field: str
    via: str | None = None


@dataclass(frozen=True)
class TraitAddress:
    """A verification or recovery address found in the traits (``value`` is normalised)."""

    via: str
    value: str
    field: str


@dataclass(frozen=True)
class TraitsExtensions:
    """What the schema's ``ory.sh/kratos`` extensions say about one set of traits."""

    identifiers: tuple[TraitIdentifier, ...] = ()
    verifiable_addresses: tuple[TraitAddress, ...] = ()
    recovery_addresses: tuple[TraitAddress, ...] = ()
    totp_account_name: str | None = None
    passkey_display_name: str | None = None
    violations: tuple[TraitViolation, ...] = field(default=(), repr=False)

    def identifiers_for(self, credentials_type: str) -> tuple[str, ...]:
        """The distinct identifiers of one credentials type, in traits order."""
        found: list[str] = []
        for identifier in self.identifiers:
            if identifier.type == credentials_type and identifier.value not in found:
                found.append(identifier.value)
        return tuple(found)

    def code_addresses(self) -> tuple[tuple[str, str], ...]:
        """``(via, address)`` pairs of the ``code`` method (Kratos's code credential config)."""
        pairs: list[tuple[str, str]] = []
        for identifier in self.identifiers:
            pair = (identifier.via or "email", identifier.value)
            if identifier.type == "code" and pair not in pairs:
                pairs.append(pair)
        return tuple(pairs)


def collect(schema: IdentitySchema, traits: JSON) -> TraitsExtensions:
    """Walk ``schema`` against ``traits`` and gather the extension results."""
    walker = _Walker(schema)
    try:
        walker.visit(schema.validator.schema, {"traits": traits}, (), schema.resolver(), 0)
    except Unresolvable as err:
        raise SchemaUnavailable(schema.id, f"unresolvable $ref: {err}") from err
    return walker.result()


class _Walker:
    def __init__(self, schema: IdentitySchema) -> None:
        self._validator = schema.validator
        self.identifiers: list[TraitIdentifier] = []
        self.verifiable: list[TraitAddress] = []
        self.recovery: list[TraitAddress] = []
        self.violations: list[TraitViolation] = []
        self.totp_account_name: str | None = None
        self.passkey_display_name: str | None = None

    def result(self) -> TraitsExtensions:
        return TraitsExtensions(
            identifiers=tuple(dict.fromkeys(self.identifiers)),
            verifiable_addresses=_distinct(self.verifiable),
            recovery_addresses=_distinct(self.recovery),
            totp_account_name=self.totp_account_name,
            passkey_display_name=self.passkey_display_name,
            violations=unique(self.violations),
        )

    def visit(self, node: JSON, value: JSON, path: tuple, resolver: Any, depth: int) -> None:
        if not isinstance(node, dict) or depth > _MAX_DEPTH:
            return
        if "$id" in node and depth:
            resource = Resource.from_contents(node, default_specification=DRAFT7)
            resolver = resolver.in_subresource(resource)
        if isinstance(node.get("$ref"), str):
            resolved = resolver.lookup(node["$ref"])
            self.visit(resolved.contents, value, path, resolved.resolver, depth + 1)
        extension = node.get(EXTENSION_KEY)
        if isinstance(extension, dict):
            for item, item_path in _strings(value, path):
                self._apply(extension, item, item_path, node)
        for branch in self._branches(node, value, resolver):
            self.visit(branch, value, path, resolver, depth + 1)
        for child, child_value, child_path in _children(node, value, path):
            self.visit(child, child_value, child_path, resolver, depth + 1)

    def _branches(self, node: JSON, value: JSON, resolver: Any) -> Iterator[JSON]:
        yield from node.get("allOf", []) if isinstance(node.get("allOf"), list) else []
        for key in ("anyOf", "oneOf"):
            for branch in node.get(key, []) if isinstance(node.get(key), list) else []:
                if self._valid(branch, value, resolver):
                    yield branch
        if "if" in node:
            branch = node.get("then") if self._valid(node["if"], value, resolver) else None
            yield branch if branch is not None else node.get("else")

    def _valid(self, branch: JSON, value: JSON, resolver: Any) -> bool:
        # Evaluate the branch with the resolver of the place it sits in, as jsonschema does.
        return self._validator.evolve(schema=branch, _resolver=resolver).is_valid(value)

    def _apply(self, extension: JSON, value: str, path: tuple, node: JSON) -> None:
        field_name = ".".join(str(p) for p in path)
        credentials = extension.get("credentials")
        credentials = credentials if isinstance(credentials, dict) else {}
        for kind in IDENTIFIER_TYPES:
            options = credentials.get(kind)
            if isinstance(options, dict) and options.get("identifier") is True:
                self._identifier(kind, options, value, path, field_name)
        totp, passkey = credentials.get("totp"), credentials.get("passkey")
        if isinstance(totp, dict) and totp.get("account_name") is True:
            self.totp_account_name = self.totp_account_name or value.strip()
        if isinstance(passkey, dict) and passkey.get("display_name") is True:
            self.passkey_display_name = self.passkey_display_name or value.strip()
        for section, target in (("verification", self.verifiable), ("recovery", self.recovery)):
            options = extension.get(section)
            via = options.get("via") if isinstance(options, dict) else None
            if via:
                address = self._address(section, str(via), value, path, field_name, node)
                if address is not None:
                    target.append(address)

    def _identifier(self, kind: str, options: JSON, value: str, path: tuple, name: str) -> None:
        via = None
        if kind == "code":
            via = str(options.get("via") or "email")
            if not self._channel_ok(f"credentials.{kind}", via, value, path):
                return
            normalized = normalize_code_identifier(value, via)
        else:
            normalized = normalize_identifier(value)
        if normalized:
            self.identifiers.append(TraitIdentifier(kind, normalized, name, via))

    def _address(
        self, section: str, via: str, value: str, path: tuple, name: str, node: JSON
    ) -> TraitAddress | None:
        if section == "verification" and node.get("format") and via in CHANNELS:
            pass  # Kratos trusts the trait's own format (already validated) here.
        elif section == "verification" and via == "sms":
            # Kratos requires a format on sms verification addresses.
            self._fail(path, "format", texts.EXTENSION_NO_FORMAT)
            return None
        elif not self._channel_ok(section, via, value, path):
            return None
        normalized = normalize_address(value, via)
        return TraitAddress(via, normalized, name) if normalized else None

    def _channel_ok(self, section: str, via: str, value: str, path: tuple) -> bool:
        if via not in CHANNELS:
            self._fail(path, "", texts.EXTENSION_UNKNOWN_VIA.format(field=section, via=quote(via)))
            return False
        valid = is_email(value) if via == "email" else is_tel(value)
        if not valid:
            reason = texts.EXTENSION_INVALID_ADDRESS.format(value=quote(value), via=quote(via))
            self._fail(path, "format", reason)
        return valid

    def _fail(self, path: tuple, keyword: str, reason: str) -> None:
        schema_path = [EXTENSION_KEY, keyword] if keyword else [EXTENSION_KEY]
        self.violations.append(violation(list(path), schema_path, generic(reason)))


def _distinct(addresses: list[TraitAddress]) -> tuple[TraitAddress, ...]:
    """One entry per (via, value), the first found (Kratos keeps addresses unique)."""
    seen: dict[tuple[str, str], TraitAddress] = {}
    for address in addresses:
        seen.setdefault((address.via, address.value), address)
    return tuple(seen.values())


def _strings(value: JSON, path: tuple) -> Iterator[tuple[str, tuple]]:
    if isinstance(value, str):
        yield value, path
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield item, (*path, index)


def _children(node: JSON, value: JSON, path: tuple) -> Iterator[tuple[JSON, JSON, tuple]]:
    if isinstance(value, dict):
        yield from _object_children(node, value, path)
    elif isinstance(value, list):
        yield from _array_children(node, value, path)


def _object_children(node: JSON, value: dict, path: tuple) -> Iterator[tuple[JSON, JSON, tuple]]:
    properties = node.get("properties") if isinstance(node.get("properties"), dict) else {}
    patterns = node.get("patternProperties")
    patterns = patterns if isinstance(patterns, dict) else {}
    additional = node.get("additionalProperties")
    dependent = node.get("dependentSchemas") or node.get("dependencies") or {}
    for key, item in value.items():
        matched = False
        if key in properties:
            matched = True
            yield properties[key], item, (*path, key)
        for pattern, sub in patterns.items():
            if re.search(pattern, key):
                matched = True
                yield sub, item, (*path, key)
        if not matched and isinstance(additional, dict):
            yield additional, item, (*path, key)
        if isinstance(dependent, dict) and isinstance(dependent.get(key), dict):
            yield dependent[key], value, path


def _array_children(node: JSON, value: list, path: tuple) -> Iterator[tuple[JSON, JSON, tuple]]:
    items, prefix = node.get("items"), node.get("prefixItems")
    if isinstance(items, list):  # Draft 7 tuple form
        prefix, items = items, node.get("additionalItems")
    prefix = prefix if isinstance(prefix, list) else []
    for index, item in enumerate(value):
        sub = prefix[index] if index < len(prefix) else items
        if isinstance(sub, dict):
            yield sub, item, (*path, index)


def inspect_traits(schema: IdentitySchema, traits: JSON) -> TraitsExtensions:
    """Validate ``traits`` and collect their extensions in one go.

    Raises :class:`TraitsInvalid` with every schema and extension violation together.
    """
    violations = list(check_traits(schema, traits))
    extensions = collect(schema, traits) if not violations else TraitsExtensions()
    violations.extend(extensions.violations)
    if violations:
        raise TraitsInvalid(unique(violations))
    return extensions
