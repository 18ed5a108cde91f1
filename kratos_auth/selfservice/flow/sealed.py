"""UI nodes that show a secret (a new TOTP key and its QR code, backup recovery codes).

Kratos stores them in the flow's ``ui`` like any node, so a database dump shows them. Here
:func:`seal` keeps the real node in the flow's encrypted ``internal_context`` and leaves a
placeholder of the same id, type and group in ``ui`` (ordering and sorting work as usual);
:func:`revealed_ui` puts the real nodes back when the flow is rendered for its owner.
"""

from __future__ import annotations

import copy
from typing import Any

from kratos_auth.selfservice.flow.ui import Container, node_id

JSON = Any
CONTEXT_KEY = "sealed_nodes"
_BLANK = {"text": {"id": 0, "text": "", "type": "info"}, "src": "", "value": ""}


def _placeholder(node: JSON) -> JSON:
    shown = copy.deepcopy(node)
    attributes = shown.get("attributes", {})
    for key, blank in _BLANK.items():
        if key in attributes:
            attributes[key] = copy.deepcopy(blank)
    return shown


def seal(flow: Any, node: JSON) -> None:
    """Put ``node`` on the flow with its secret kept in the encrypted internal context."""
    context = dict(flow.internal_context or {})
    sealed = dict(context.get(CONTEXT_KEY) or {})
    sealed[node_id(node)] = node
    context[CONTEXT_KEY] = sealed
    flow.internal_context = context
    Container(flow.ui).upsert(_placeholder(node))


def drop(flow: Any, *names: str) -> None:
    """Remove sealed nodes (all of them without ``names``) from the flow and its context."""
    context = dict(flow.internal_context or {})
    sealed = dict(context.get(CONTEXT_KEY) or {})
    container = Container(flow.ui)
    for name in names or tuple(sealed):
        sealed.pop(name, None)
        container.remove(name)
    context[CONTEXT_KEY] = sealed
    flow.internal_context = context


def revealed_ui(flow: Any) -> JSON:
    """The flow's ``ui`` with every sealed node in place (a copy; the flow is unchanged)."""
    ui = flow.ui
    sealed = (flow.internal_context or {}).get(CONTEXT_KEY) if ui else None
    if not sealed:
        return ui
    shown = dict(ui)
    shown["nodes"] = [sealed.get(node_id(n), n) for n in ui.get("nodes", [])]
    return shown
