"""Turning a verified login into a session (Kratos's ``PostLoginHook`` before the hooks).

A session of the same identity is refreshed (``refresh=true``: ``authenticated_at`` moves,
or an AAL upgrade); otherwise a new session is issued (``flow.sessions``). When
``session.whoami.required_aal`` is ``highest_available`` and the identity has a second
factor, browsers are sent on to the ``aal=aal2`` login, as Kratos does.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.conf import config
from kratos_auth.identity.models import AAL
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import IdentityDisabled
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import Flow, FlowType
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.flow.sessions import device_of, issue_session
from kratos_auth.session import aal as levels
from kratos_auth.session import service as session_service
from kratos_auth.session.aal import AuthenticationMethod


def _needs_second_factor(state: HookState) -> bool:
    required = config.session.whoami.required_aal or levels.HIGHEST_AVAILABLE
    if required != levels.HIGHEST_AVAILABLE or state.session is None:
        return False
    available = session_service.available_aal(state.identity)
    return levels.rank(available) > levels.rank(state.session.aal)


def complete_login(flow: Flow, result: Authenticated, ctx: FlowContext, session: Any) -> HookState:
    identity = result.identity
    if not identity.is_active:
        raise IdentityDisabled()
    method = AuthenticationMethod(method=str(result.method), aal=str(result.aal or AAL.AAL1))
    state = HookState(
        flow=flow,
        ctx=ctx,
        method=str(result.method),
        identity=identity,
        identifier=result.identifier,
    )
    if session is not None and session.identity_id == identity.id:
        state.session = session_service.refresh(session, [method], device_of(ctx))
    else:
        issue_session(state, identity, [method])
    if flow.type == FlowType.BROWSER and _needs_second_factor(state):
        state.redirect_to = session_service.aal2_redirect_url()
        state.continue_with.append(
            {"action": "redirect_browser_to", "redirect_browser_to": state.redirect_to}
        )
    return state
