"""Running the hooks of the recovery flow (``selfservice.flows.recovery.before|after``)."""

from __future__ import annotations

from kratos_auth.selfservice.flow import hooks
from kratos_auth.selfservice.flow.hooks import HookState

FLOW = "recovery"


def run_before(state: HookState) -> None:
    hooks.run(FLOW, "before", "before", state)


def run_after(state: HookState) -> None:
    """``after.hooks`` once the recovery session exists (e.g. ``revoke_active_sessions``)."""
    hooks.run(FLOW, "after", "after", state)
