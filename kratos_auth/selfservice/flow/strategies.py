"""Which strategies a flow asks, in ``registry.STRATEGIES`` order.

A strategy takes part in a flow when it has the flow's method (``populate_login``/``login``,
``populate_registration``/``register`` …) and ``selfservice.methods.<id>.enabled`` is on.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import registry
from kratos_auth.conf import config
from kratos_auth.selfservice.flow.errors import FlowDisabled
from kratos_auth.text import account as account_text

JSON = Any
LINK = "link"  # the link method (not a credentials type)


def method_enabled(method_id: str) -> bool:
    methods = config.selfservice.methods
    try:
        section = methods[method_id]
    except KeyError:
        return False
    return bool(section.get("enabled", False))


def for_capability(capability: str) -> list[Any]:
    """Instances of the enabled strategies that implement ``capability``."""
    found = []
    for dotted in registry.STRATEGIES:
        cls = registry.resolve(dotted)
        if callable(getattr(cls, capability, None)) and method_enabled(cls.id):
            found.append(cls())
    return found


def named(capability: str, method_id: str) -> Any | None:
    """The enabled strategy ``method_id`` if it implements ``capability``, else ``None``."""
    for strategy in for_capability(capability):
        if strategy.id == method_id:
            return strategy
    return None


def in_use(capability: str, flow_name: str) -> Any:
    """The strategy named by ``selfservice.flows.<flow_name>.use`` (recovery, verification);
    :class:`FlowDisabled` when it is not enabled."""
    use = str(getattr(config.selfservice.flows, flow_name).use or "code")
    strategy = named(capability, use)
    if strategy is not None:
        return strategy
    raise FlowDisabled(account_text.STRATEGY_DISABLED_REASON.format(flow=flow_name, method=use))


def for_submission(capability: str, flow_name: str, body: JSON) -> Any:
    """The link strategy for an opened link (``token``), else the one in use: links made
    by an administrator work whichever method ``use`` names, as long as ``link`` is on."""
    if isinstance(body.get("token"), str):
        link = named(capability, LINK)
        if link is not None:
            return link
    return in_use(capability, flow_name)
