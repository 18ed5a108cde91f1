"""Which strategies a flow asks, in ``registry.STRATEGIES`` order.

A strategy takes part in a flow when it has the flow's method (``populate_login``/``login``,
``populate_registration``/``register`` …) and ``selfservice.methods.<id>.enabled`` is on.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import registry
from kratos_auth.conf import config


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
