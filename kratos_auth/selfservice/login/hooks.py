"""Running the hooks of the login flow (``selfservice.flows.login.before|after``)."""

from __future__ import annotations

from kratos_auth.selfservice.flow import hooks
from kratos_auth.selfservice.flow.hooks import HookState

FLOW = "login"


def run_before(state: HookState) -> None:
    """``before.hooks``: run when a flow is created, before it is stored."""
    hooks.run_before(FLOW, state)


def run_after(state: HookState) -> None:
    """``after.hooks`` + ``after.<method>.hooks``: run once the session is prepared, inside
    the flow's transaction (a failure undoes the login)."""
    hooks.run(FLOW, "after", "after", state)
