"""Per-method state a flow keeps between two submissions, in its encrypted
``internal_context`` under ``<method>.<key>`` (Kratos's ``PrefixInternalContextKey``)."""

from __future__ import annotations

from typing import Any

JSON = Any


def get(flow: Any, method: str, key: str) -> JSON:
    section = (flow.internal_context or {}).get(method)
    return section.get(key) if isinstance(section, dict) else None


def put(flow: Any, method: str, key: str, value: JSON) -> None:
    context = dict(flow.internal_context or {})
    section = dict(context.get(method) or {})
    section[key] = value
    context[method] = section
    flow.internal_context = context


def pop(flow: Any, method: str, key: str) -> JSON:
    context = dict(flow.internal_context or {})
    section = dict(context.get(method) or {})
    value = section.pop(key, None)
    context[method] = section
    flow.internal_context = context
    return value
