"""``revoke_active_sessions``: after a login, a settings change or a recovery, end every other
session of the identity."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.session import service as session_service

JSON = Any


class RevokeActiveSessionsHook:
    name = "revoke_active_sessions"

    def __init__(self, hook_config: JSON) -> None:
        self.config = hook_config

    def login_after(self, state: HookState) -> None:
        if state.session is not None:
            session_service.disable_my_other_sessions(state.session)

    def settings_after(self, state: HookState) -> None:
        self.login_after(state)

    def recovery_after(self, state: HookState) -> None:
        self.login_after(state)
