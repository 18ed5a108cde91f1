"""Running the hooks of the settings flow (``selfservice.flows.settings.before|after``)."""

from __future__ import annotations

from kratos_auth.selfservice.flow import hooks
from kratos_auth.selfservice.flow.hooks import HookState

FLOW = "settings"


def run_before(state: HookState) -> None:
    hooks.run(FLOW, "before", "before", state)


def run_after(state: HookState) -> None:
    """``after.hooks`` + ``after.<method>.hooks`` once the change is written, in its
    transaction (a failing hook undoes the change)."""
    hooks.run(FLOW, "after", "after", state)
