"""The ``verification`` hook (Kratos's ``Verifier``): after a registration, or a settings
change that added an address, send a verification message to every address still waiting
for one.

Each address gets its own verification flow, already in ``sent_email``, and a
``show_verification_ui`` continue_with action (with the flow's UI URL for browser flows);
the address becomes ``status: sent``. It runs only while verification is enabled, before the
other ``after`` hooks of a registration, and inside the flow's transaction.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.verification import addresses, service

JSON = Any


class VerificationHook:
    name = "verification"

    def __init__(self, hook_config: JSON) -> None:
        self.config = hook_config

    def registration_after(self, state: HookState) -> None:
        self._send(state)

    def settings_after(self, state: HookState) -> None:
        self._send(state)

    def _send(self, state: HookState) -> None:
        if not service.enabled() or state.identity is None:
            return
        strategy = service.strategy_in_use()
        for address in addresses.unverified(state.identity):
            flow = service.build_verification_flow(state.flow.type, state.ctx, populate=False)
            flow.return_to = state.flow.return_to
            strategy.send_verification(flow, address, state.ctx)
            addresses.mark_sent(address)
            target: dict[str, str] = {"id": str(flow.id), "verifiable_address": address.value}
            if flow.type == FlowType.BROWSER:
                target["url"] = flow.append_to(flow_service.ui_url("verification"))
            state.continue_with.append({"action": "show_verification_ui", "flow": target})
