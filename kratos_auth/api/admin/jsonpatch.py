"""RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over RFC 6901 pointers.

:func:`apply_patch` works on a deep copy and raises :class:`PatchError` (a 400) naming the
operation that failed, so a failing patch changes nothing. Paths under ``protected`` may not
be touched (Kratos: ``/id``, ``/credentials``, ``/state_changed_at`` …).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from kratos_auth.errors import BadRequest
from kratos_auth.text import admin as text

JSON = Any
MAX_OPERATIONS = 1000
_OPS = frozenset({"add", "remove", "replace", "move", "copy", "test"})
_MISSING = object()


class PatchError(BadRequest):
    def __init__(self, index: int, problem: str) -> None:
        super().__init__(text.PATCH_FAILED.format(problem=f"operation {index}: {problem}"))


def parse_pointer(pointer: object) -> list[str]:
    """The reference tokens of an RFC 6901 pointer (``""`` is the whole document)."""
    if not isinstance(pointer, str):
        raise ValueError("the path must be a string")
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"the path {pointer[:100]!r} does not start with '/'")
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def _index(container: list, token: str, *, for_add: bool) -> int:
    if for_add and token == "-":
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
        raise ValueError(f"{token[:50]!r} is not an array index")
    index = int(token)
    limit = len(container) if for_add else len(container) - 1
    if index > limit:
        raise ValueError(f"array index {index} is out of range")
    return index


def _parent(doc: JSON, tokens: list[str]) -> JSON:
    node = doc
    for token in tokens[:-1]:
        if isinstance(node, dict):
            if token not in node:
                raise ValueError(f"the member {token[:50]!r} does not exist")
            node = node[token]
        elif isinstance(node, list):
            node = node[_index(node, token, for_add=False)]
        else:
            raise ValueError(f"cannot descend into a {type(node).__name__}")
    return node


def _get(doc: JSON, tokens: list[str]) -> JSON:
    if not tokens:
        return doc
    parent, last = _parent(doc, tokens), tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise ValueError(f"the member {last[:50]!r} does not exist")
        return parent[last]
    if isinstance(parent, list):
        return parent[_index(parent, last, for_add=False)]
    raise ValueError(f"cannot descend into a {type(parent).__name__}")


def _add(doc: JSON, tokens: list[str], value: JSON) -> JSON:
    if not tokens:
        return value
    parent, last = _parent(doc, tokens), tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_index(parent, last, for_add=True), value)
    else:
        raise ValueError(f"cannot add to a {type(parent).__name__}")
    return doc


def _remove(doc: JSON, tokens: list[str]) -> JSON:
    if not tokens:
        raise ValueError("cannot remove the whole document")
    parent, last = _parent(doc, tokens), tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise ValueError(f"the member {last[:50]!r} does not exist")
        del parent[last]
    elif isinstance(parent, list):
        del parent[_index(parent, last, for_add=False)]
    else:
        raise ValueError(f"cannot remove from a {type(parent).__name__}")
    return doc


def _equal(a: JSON, b: JSON) -> bool:
    """JSON equality (RFC 6902 §4.6): ``true`` is not ``1``, ``1`` is ``1.0``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and a == b


def _is_protected(tokens: list[str], protected: Iterable[list[str]]) -> bool:
    return any(tokens[: len(p)] == p or p[: len(tokens)] == tokens for p in protected)


def _apply_one(doc: JSON, op: JSON, protected: list[list[str]]) -> JSON:
    if not isinstance(op, dict) or op.get("op") not in _OPS:
        raise ValueError("each operation needs an op of add, remove, replace, move, copy, test")
    kind, path = op["op"], parse_pointer(op.get("path"))
    touched = [path] + ([parse_pointer(op.get("from"))] if kind == "move" else [])
    if kind != "test" and any(_is_protected(t, protected) for t in touched):
        raise ValueError(f"the path {op.get('path')!r} cannot be changed")
    value = op.get("value", _MISSING)
    if kind in ("add", "replace", "test") and value is _MISSING:
        raise ValueError(f"{kind} needs a value")
    if kind == "add":
        return _add(doc, path, copy.deepcopy(value))
    if kind == "remove":
        return _remove(doc, path)
    if kind == "replace":
        _get(doc, path)
        return _add(_remove(doc, path), path, copy.deepcopy(value)) if path else value
    if kind == "test":
        if not _equal(_get(doc, path), value):
            raise ValueError(f"test failed at {op.get('path')!r}")
        return doc
    source = parse_pointer(op.get("from"))
    moved = copy.deepcopy(_get(doc, source))
    if kind == "move":
        if path[: len(source)] == source and path != source:
            raise ValueError("cannot move a value into itself")
        doc = _remove(doc, source)
    return _add(doc, path, moved)


def apply_patch(document: JSON, operations: JSON, protected: Iterable[str] = ()) -> JSON:
    """A patched deep copy of ``document``. Raises :class:`PatchError`."""
    if not isinstance(operations, list):
        raise PatchError(0, "the patch must be a JSON array of operations")
    if len(operations) > MAX_OPERATIONS:
        raise PatchError(MAX_OPERATIONS, f"at most {MAX_OPERATIONS} operations are allowed")
    guarded = [parse_pointer(p) for p in protected]
    doc = copy.deepcopy(document)
    for index, op in enumerate(operations):
        try:
            doc = _apply_one(doc, op, guarded)
        except ValueError as err:
            raise PatchError(index, str(err)) from None
    return doc
