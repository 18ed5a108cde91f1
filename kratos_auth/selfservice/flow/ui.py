"""Kratos's UI container (``uiContainer``) and nodes (``uiNode``), as plain JSON.

Strategies build nodes with the ``*_node`` functions and put them on a flow through
:class:`Container`, which edits the flow's ``ui`` dict in place. Key order inside each object
follows Kratos's Go structs, so the JSON we send is laid out as Kratos lays it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Any

JSON = Any
CSRF_TOKEN_NAME = "csrf_token"


class Group(StrEnum):
    DEFAULT = "default"
    PASSWORD = "password"
    OIDC = "oidc"
    PROFILE = "profile"
    LINK = "link"
    CODE = "code"
    TOTP = "totp"
    LOOKUP_SECRET = "lookup_secret"
    WEBAUTHN = "webauthn"
    PASSKEY = "passkey"
    IDENTIFIER_FIRST = "identifier_first"
    CAPTCHA = "captcha"
    SAML = "saml"


class InputType(StrEnum):
    TEXT = "text"
    PASSWORD = "password"
    NUMBER = "number"
    CHECKBOX = "checkbox"
    HIDDEN = "hidden"
    EMAIL = "email"
    TEL = "tel"
    SUBMIT = "submit"
    BUTTON = "button"
    DATETIME_LOCAL = "datetime-local"
    DATE = "date"
    URL = "url"


_UNSET: Any = object()


def input_node(
    name: str,
    group: Group | str,
    input_type: InputType | str,
    *,
    value: JSON = _UNSET,
    required: bool = False,
    autocomplete: str | None = None,
    pattern: str | None = None,
    disabled: bool = False,
    maxlength: int | None = None,
    label: JSON | None = None,
) -> JSON:
    """An ``input`` node. ``label`` (a uiText) goes to ``meta.label`` as Kratos puts it."""
    attributes: dict[str, JSON] = {"name": name, "type": str(input_type)}
    if value is not _UNSET and value is not None and value != "":
        attributes["value"] = value
    if required:
        attributes["required"] = True
    if autocomplete:
        attributes["autocomplete"] = autocomplete
    if pattern:
        attributes["pattern"] = pattern
    attributes["disabled"] = disabled
    if maxlength is not None:
        attributes["maxlength"] = maxlength
    attributes["node_type"] = "input"
    return _node("input", group, attributes, label)


def text_node(node_id: str, text: JSON, group: Group | str) -> JSON:
    return _node("text", group, {"text": text, "id": node_id, "node_type": "text"}, None)


def image_node(node_id: str, src: str, group: Group | str, width: int, height: int) -> JSON:
    attributes = {"src": src, "id": node_id, "width": width, "height": height, "node_type": "img"}
    return _node("img", group, attributes, None)


def anchor_node(node_id: str, href: str, group: Group | str, title: JSON) -> JSON:
    attributes = {"href": href, "title": title, "id": node_id, "node_type": "a"}
    return _node("a", group, attributes, None)


def script_node(node_id: str, src: str, group: Group | str, integrity: str, nonce: str) -> JSON:
    """A ``script`` node (Kratos's ``NewScriptField``), e.g. ``/.well-known/ory/webauthn.js``."""
    attributes = {
        "src": src,
        "async": True,
        "referrerpolicy": "no-referrer",
        "crossorigin": "anonymous",
        "integrity": integrity,
        "type": "text/javascript",
        "id": node_id,
        "nonce": nonce,
        "node_type": "script",
    }
    return _node("script", group, attributes, None)


def with_attributes(node: JSON, **extra: JSON) -> JSON:
    """Add input attributes (``onclick``, ``onclickTrigger``, ``onload`` …) before
    ``maxlength``/``node_type``, where Kratos's struct puts them."""
    ordered: dict[str, JSON] = {}
    for key, value in node["attributes"].items():
        if key in ("maxlength", "node_type"):
            ordered.update(extra)
            extra = {}
        ordered[key] = value
    ordered.update(extra)
    node["attributes"] = ordered
    return node


def _node(kind: str, group: Group | str, attributes: JSON, label: JSON | None) -> JSON:
    return {
        "type": kind,
        "group": str(group),
        "attributes": attributes,
        "messages": [],
        "meta": {"label": label} if label else {},
    }


def node_id(node: JSON) -> str:
    """Kratos's ``Node.ID()``: an input's name, otherwise the attributes' ``id``."""
    attributes = node.get("attributes", {})
    return str(attributes.get("name") or attributes.get("id") or "")


def csrf_node(token: str) -> JSON:
    return input_node(CSRF_TOKEN_NAME, Group.DEFAULT, InputType.HIDDEN, value=token, required=True)


class Container:
    """Edits a flow's ``ui`` dict (``action``, ``method``, ``nodes``, ``messages``) in place."""

    def __init__(self, data: JSON) -> None:
        self.data = data
        data.setdefault("nodes", [])

    @classmethod
    def new(cls, action: str) -> Container:
        return cls({"action": action, "method": "POST", "nodes": []})

    @property
    def nodes(self) -> list[JSON]:
        return self.data["nodes"]

    @property
    def messages(self) -> list[JSON]:
        return self.data.setdefault("messages", [])

    def __iter__(self) -> Iterator[JSON]:
        return iter(self.nodes)

    def find(self, name: str, group: str | None = None) -> JSON | None:
        for node in self.nodes:
            if node_id(node) == name and (group is None or node["group"] == group):
                return node
        return None

    def upsert(self, node: JSON) -> None:
        """Replace the node with the same ID, or append (Kratos's ``Nodes.Upsert``)."""
        for index, existing in enumerate(self.nodes):
            if node_id(existing) == node_id(node):
                self.nodes[index] = node
                return
        self.nodes.append(node)

    def append(self, node: JSON) -> None:
        self.nodes.append(node)

    def remove(self, name: str, group: str | None = None) -> None:
        self.data["nodes"] = [
            n
            for n in self.nodes
            if not (node_id(n) == name and (group is None or n["group"] == group))
        ]

    def set_value(self, name: str, value: JSON) -> None:
        node = self.find(name)
        if node is None or node["type"] != "input":
            return
        if value is None or value == "":
            node["attributes"].pop("value", None)
        else:
            _set_value(node["attributes"], value)

    def set_values(self, values: JSON, prefix: str) -> None:
        """Set the values of existing nodes from a JSON object (flattened with dots)."""
        for name, value in flatten(values, prefix):
            self.set_value(name, value)

    def reset_value(self, name: str) -> None:
        node = self.find(name)
        if node is not None:
            node["attributes"].pop("value", None)

    def set_csrf(self, token: str) -> None:
        self.upsert(csrf_node(token))

    def add_message(self, message: JSON, node_name: str | None = None) -> None:
        """A message on the form, or on the node ``node_name`` (created if missing)."""
        if not node_name:
            self.messages.append(message)
            return
        node = self.find(node_name)
        if node is None:
            node = input_node(node_name, Group.DEFAULT, InputType.TEXT)
            self.nodes.append(node)
        node["messages"].append(message)

    def reset_messages(self) -> None:
        self.data.pop("messages", None)
        for node in self.nodes:
            node["messages"] = []

    def sort(self, groups: Sequence[str], keys: Sequence[str]) -> None:
        """Kratos's ``SortBySchema``: by group, then by the position of the node's key.

        A node's key position is the last entry of ``keys`` that prefixes its ID; ``method``
        buttons always go last. Both sorts are stable, so ties keep their order.
        """
        group_rank = {g: i for i, g in enumerate(groups)}
        self.nodes.sort(key=lambda n: group_rank.get(n["group"], len(groups)))

        def position(node: JSON) -> int:
            name = node_id(node)
            if name == "method":
                return len(self.nodes) + len(keys) + 100
            found = len(keys)
            for index, key in enumerate(keys):
                if name.startswith(key):
                    found = index
            return found

        self.nodes.sort(key=position)


def _set_value(attributes: JSON, value: JSON) -> None:
    """Set ``value`` keeping Kratos's attribute key order (value follows type)."""
    if "value" in attributes:
        attributes["value"] = value
        return
    ordered = {}
    for key, existing in list(attributes.items()):
        ordered[key] = existing
        if key == "type":
            ordered["value"] = value
    attributes.clear()
    attributes.update(ordered)


def flatten(values: JSON, prefix: str) -> Iterable[tuple[str, JSON]]:
    """``{"a": {"b": 1}}`` with prefix ``traits`` -> ``("traits.a.b", 1)`` (lists kept)."""
    if isinstance(values, dict):
        for key, value in values.items():
            yield from flatten(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, values
