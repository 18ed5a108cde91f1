"""Form nodes for the traits of an identity schema (Kratos's ``NodesFromJSONSchema``).

Each leaf property below ``traits`` becomes an input named by its dotted path
(``traits.name.first``), in schema order: its type from the JSON type and ``format``
(``email``, ``tel``, ``date``, ``date-time``, ``uri``), ``required`` from the parent's
``required`` list, ``pattern`` copied, and the ``title`` as label (``1070002``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kratos_auth.schema import IdentitySchema
from kratos_auth.selfservice.flow.ui import Group, InputType, input_node
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import flows as flow_text

JSON = Any
EXTENSION_KEY = "ory.sh/kratos"
DISABLE_KEY = "disableFormField"
_MAX_DEPTH = 32
_FORMATS = {
    "email": (InputType.EMAIL, "email"),
    "tel": (InputType.TEL, "tel"),
    "date": (InputType.DATE, None),
    "date-time": (InputType.DATETIME_LOCAL, None),
    "uri": (InputType.URL, "url"),
}
_IDENTIFYING = (
    ("password", "identifier"),
    ("webauthn", "identifier"),
    ("passkey", "display_name"),
    ("totp", "account_name"),
    ("code", "identifier"),
)


@dataclass(frozen=True)
class TraitPath:
    name: str
    kind: str
    required: bool = False
    title: str = ""
    format: str = ""
    pattern: str = ""
    disabled: bool = False
    extension: JSON = field(default_factory=dict, repr=False)


def _resolve(schema: IdentitySchema, node: JSON) -> JSON:
    for _ in range(_MAX_DEPTH):
        if not isinstance(node, dict) or "$ref" not in node:
            return node
        node = schema.resolver().lookup(node["$ref"]).contents
    return node


def _kind(node: JSON) -> str:
    kind = node.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or ("properties" in node and "type" not in node):
        return "object"
    return str(kind)


def _walk(
    schema: IdentitySchema, node: JSON, prefix: str, required: bool, depth: int
) -> Iterator[TraitPath]:
    node = _resolve(schema, node)
    if not isinstance(node, dict) or depth > _MAX_DEPTH:
        return
    if _kind(node) == "object":
        needed = set(node.get("required") or [])
        for key, child in (node.get("properties") or {}).items():
            yield from _walk(schema, child, f"{prefix}.{key}", key in needed, depth + 1)
        return
    yield TraitPath(
        name=prefix,
        kind=_kind(node),
        required=required,
        title=str(node.get("title") or ""),
        format=str(node.get("format") or ""),
        pattern=str(node.get("pattern") or ""),
        disabled=node.get(DISABLE_KEY) is True,
        extension=node.get(EXTENSION_KEY) or {},
    )


def trait_paths(schema: IdentitySchema) -> list[TraitPath]:
    """The leaf trait paths of ``schema`` in document order."""
    root = _resolve(schema, dict(schema.document))
    traits = _resolve(schema, (root.get("properties") or {}).get("traits") or {})
    needed = set(root.get("required") or [])
    return list(_walk(schema, traits, "traits", "traits" in needed, 0))


def trait_node(path: TraitPath, group: Group | str = Group.DEFAULT) -> JSON:
    input_type, autocomplete = _FORMATS.get(path.format, (None, None))
    if input_type is None:
        input_type = {
            "number": InputType.NUMBER,
            "integer": InputType.NUMBER,
            "boolean": InputType.CHECKBOX,
        }.get(path.kind, InputType.TEXT)
    label = flow_text.node_label(path.title, path.name) if path.title else None
    return input_node(
        path.name,
        group,
        input_type,
        required=path.required,
        autocomplete=autocomplete,
        pattern=path.pattern or None,
        disabled=path.disabled,
        label=label,
    )


def trait_nodes(schema: IdentitySchema, group: Group | str = Group.DEFAULT) -> list[JSON]:
    return [trait_node(p, group) for p in trait_paths(schema)]


def identifier_label(schema: IdentitySchema) -> JSON:
    """The login identifier's label: the title of the single identifying trait, else "ID"."""
    found = []
    for path in trait_paths(schema):
        credentials = (path.extension or {}).get("credentials") or {}
        if any((credentials.get(kind) or {}).get(flag) for kind, flag in _IDENTIFYING):
            found.append(path)
    if len(found) == 1 and found[0].title:
        return flow_text.node_label(found[0].title, found[0].name)
    return ui_text(MessageId.INFO_NODE_LABEL_ID)


_TRUE = {"true", "on", "1", "yes"}
_FALSE = {"false", "off", "0", "no", ""}


def _coerce(value: JSON, kind: str) -> JSON:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if kind == "boolean" and text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    if kind in ("integer", "number") and text:
        try:
            number = float(text)
        except ValueError:
            return value
        if kind == "integer" and number.is_integer():
            return int(number)
        return number
    return value


def coerce_form_traits(schema: IdentitySchema, values: JSON) -> JSON:
    """Form posts carry text only: turn numbers and booleans back into JSON types, by the
    schema's types (Kratos's ``decoderx`` does the same for form bodies)."""
    if not isinstance(values, dict):
        return values
    kinds = {p.name: p.kind for p in trait_paths(schema)}

    def walk(node: JSON, prefix: str) -> JSON:
        if isinstance(node, dict):
            return {k: walk(v, f"{prefix}.{k}") for k, v in node.items()}
        return _coerce(node, kinds.get(prefix, "string"))

    return walk(values, "traits")
