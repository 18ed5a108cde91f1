"""Running the hooks of the registration flow (``selfservice.flows.registration.*``)."""

from __future__ import annotations

from kratos_auth.selfservice.flow import hooks
from kratos_auth.selfservice.flow.hooks import HookState

FLOW = "registration"


def run_before(state: HookState) -> None:
    hooks.run_before(FLOW, state)


def run_pre_persist(state: HookState) -> None:
    """``after`` hooks that may change the identity before it is stored (``web_hook`` with
    ``response.parse``); others are skipped at this step."""
    hooks.run(FLOW, "after", "pre_persist", state)


def run_post_persist(state: HookState) -> None:
    """``after`` hooks once the identity exists (``session`` last), in its transaction."""
    hooks.run(FLOW, "after", "after", state)
