"""Running the hooks of the verification flow (``selfservice.flows.verification.*``)."""

from __future__ import annotations

from kratos_auth.selfservice.flow import hooks
from kratos_auth.selfservice.flow.hooks import HookState

FLOW = "verification"


def run_before(state: HookState) -> None:
    hooks.run(FLOW, "before", "before", state)


def run_after(state: HookState) -> None:
    """``after.hooks`` once an address was verified (e.g. a ``web_hook``)."""
    hooks.run(FLOW, "after", "after", state)
