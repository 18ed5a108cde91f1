"""``session``: sign the new identity in after registration (Kratos's ``SessionIssuer``).

API flows answer with ``session_token`` (and a ``set_ory_session_token`` continue_with);
browsers get the session cookie. Always runs last among the ``after`` hooks.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.sessions import issue_session
from kratos_auth.session.aal import AuthenticationMethod

JSON = Any


class SessionHook:
    name = "session"

    def __init__(self, hook_config: JSON) -> None:
        self.config = hook_config

    def registration_after(self, state: HookState) -> None:
        if state.session is not None:
            return
        issue_session(state, state.identity, [AuthenticationMethod(method=state.method or "")])
