"""Whether a JSON value can be stored as text by every database we support.

PostgreSQL refuses NUL characters in text and JSON, and no database can encode a lone
UTF-16 surrogate as UTF-8; SQLite stores both silently. Checking before any write keeps the
behaviour the same on both and turns such input into a 400 instead of a 500.
"""

from __future__ import annotations

import json
from typing import Any

JSON = Any

NUL = "a NUL character"
INVALID_UNICODE = "invalid Unicode (a lone surrogate)"
TOO_DEEP = "nesting deeper than {limit} levels"


def text_problem(value: JSON, max_depth: int | None = None, *, strings: bool = True) -> str | None:
    """What makes ``value`` (strings, keys, nested lists and objects) unstorable, or None.

    ``max_depth`` also limits the nesting; ``strings=False`` checks the nesting only (the
    caller checks the strings part by part).
    """
    if max_depth is not None and _deeper_than(value, max_depth):
        return TOO_DEEP.format(limit=max_depth)
    if not strings:
        return None
    if isinstance(value, str):
        return _string_problem(value)
    try:
        # One pass in C: NUL comes out escaped, a lone surrogate stays and fails to encode.
        dumped = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return _walk(value)
    if "\\u0000" in dumped and _walk(value) == NUL:  # not a literal backslash-u0000
        return NUL
    return _string_problem(dumped.replace("\\u0000", ""))


def _string_problem(value: str) -> str | None:
    if "\x00" in value:
        return NUL
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return INVALID_UNICODE
    return None


def _children(item: JSON) -> list[JSON]:
    if isinstance(item, dict):
        return [*item, *item.values()]
    if isinstance(item, list | tuple):
        return list(item)
    return []


def _walk(value: JSON) -> str | None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            problem = _string_problem(item)
            if problem:
                return problem
        else:
            stack.extend(_children(item))
    return None


def _deeper_than(value: JSON, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict | list):
            stack.extend((child, depth + 1) for child in _children(item))
    return False
