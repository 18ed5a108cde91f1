"""``show_verification_ui``: after registration, send browsers to the verification UI.

The verification flow is created by the verification hook (which adds a
``show_verification_ui`` continue_with action); this hook only changes where a browser goes
next: to that flow's UI instead of ``return_to``. API clients read ``continue_with``.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowType

JSON = Any


class ShowVerificationUiHook:
    name = "show_verification_ui"

    def __init__(self, hook_config: JSON) -> None:
        self.config = hook_config

    def registration_after(self, state: HookState) -> None:
        if state.flow.type != FlowType.BROWSER:
            return
        for action in state.continue_with:
            if action.get("action") == "show_verification_ui":
                url = (action.get("flow") or {}).get("url")
                if url:
                    state.redirect_to = url
                return
