"""The settings flow: create, fetch and update (Kratos's ``selfservice/flow/settings``).

* Every call needs a session (401 ``session_inactive``; browsers are sent to the login) that
  meets ``selfservice.flows.settings.required_aal`` (403 ``session_aal2_required``), and a
  flow is only ever shown to or changed by its own identity (403
  ``security_identity_mismatch``).
* A strategy validates the submission and says what to change; changing credentials or
  identifiers needs a privileged session (403 ``session_refresh_required`` with
  ``redirect_browser_to`` a ``refresh=true`` login).
* The change and the ``after`` hooks share one transaction; then the flow is ``success``
  with "Your changes have been saved!" (1050001) and fresh nodes. New unverified addresses
  get a verification flow (``continue_with: show_verification_ui``) when verification is on.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from django.db import transaction

from kratos_auth import registry
from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.identity import service as identity_service
from kratos_auth.identity.errors import IdentityConflict
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.schema import TraitsInvalid, get_schema
from kratos_auth.selfservice.flow import handler, hooks, sealed, strategies
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits as trait_nodes
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowExpired, FlowGone, FlowValidation
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Redirect, ShowFlow
from kratos_auth.selfservice.flow.ui import Container, Group
from kratos_auth.selfservice.settings import hooks as settings_hooks
from kratos_auth.selfservice.settings.errors import IdentityMismatch, NeedsPrivilegedSession
from kratos_auth.selfservice.settings.models import SettingsFlow, SettingsState
from kratos_auth.selfservice.settings.strategy import SettingsUpdate, ShowForm
from kratos_auth.session import aal as levels
from kratos_auth.session import service as session_service
from kratos_auth.session.errors import AalNotSatisfied, NoActiveSession
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import account as text

JSON = Any
GROUP_ORDER = (
    Group.DEFAULT,
    Group.PROFILE,
    Group.PASSWORD,
    Group.OIDC,
    Group.LOOKUP_SECRET,
    Group.WEBAUTHN,
    Group.PASSKEY,
    Group.TOTP,
)
VERIFICATION_HOOK = "verification"


def sort_nodes(flow: SettingsFlow) -> None:
    names = [p.name for p in trait_nodes.trait_paths(get_schema(flow.identity_schema or None))]
    Container(flow.ui).sort(GROUP_ORDER, ["csrf_token", *names, "password"])


def populate(flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
    for strategy in strategies.for_capability("populate_settings"):
        strategy.populate_settings(flow, ctx, identity)
    sort_nodes(flow)


def login_url() -> str:
    return flow_service.public_url("self-service/login/browser")


def check_session(ctx: FlowContext) -> Any:
    """The caller's session if it may use settings; raises 401/403 otherwise."""
    session = ctx.session
    if session is None:
        raise NoActiveSession()
    required = config.selfservice.flows.settings.required_aal or levels.HIGHEST_AVAILABLE
    session_service.require_aal(session, str(required))
    return session


def _browser_redirect(flow_type: str, ctx: FlowContext, err: Exception) -> Redirect | None:
    """Where a browser (not asking for JSON) goes instead of seeing ``err``."""
    if flow_type != FlowType.BROWSER or ctx.is_json:
        return None
    if isinstance(err, NoActiveSession):
        return Redirect(login_url())
    if isinstance(err, AalNotSatisfied | NeedsPrivilegedSession):
        return Redirect(err.redirect_browser_to)
    return None


def build_settings_flow(flow_type: str, ctx: FlowContext, session: Any) -> SettingsFlow:
    """A new, saved settings flow for the identity of ``session``."""
    lifespan = config.selfservice.flows.settings.lifespan
    flow = flow_service.new_flow(SettingsFlow, flow_type, ctx, lifespan)
    identity = session.identity
    flow.identity = identity
    flow.identity_schema = identity.schema_id
    flow.state = SettingsState.SHOW_FORM
    populate(flow, ctx, identity)
    settings_hooks.run_before(HookState(flow=flow, ctx=ctx, identity=identity, session=session))
    flow_service.save(flow)
    return flow


def create_settings_flow(flow_type: str, ctx: FlowContext) -> SettingsFlow | Redirect:
    """``createNativeSettingsFlow`` / ``createBrowserSettingsFlow``."""
    try:
        session = check_session(ctx)
    except (NoActiveSession, AalNotSatisfied) as err:
        redirect = _browser_redirect(flow_type, ctx, err)
        if redirect is None:
            raise
        return redirect
    return build_settings_flow(flow_type, ctx, session)


def _check_owner(flow: SettingsFlow, session: Any) -> None:
    if flow.identity_id != session.identity_id:
        raise IdentityMismatch()


def get_settings_flow(raw_id: str | None, ctx: FlowContext) -> SettingsFlow:
    """``getSettingsFlow``: only for the flow's identity; 410 once expired."""
    flow = flow_service.load(SettingsFlow, raw_id)
    session = check_session(ctx)
    _check_owner(flow, session)
    if flow.is_expired_at(clock.now()):
        raise FlowGone(text.SETTINGS_FLOW_GONE_REASON)
    if flow.type == FlowType.BROWSER and ctx.csrf is not None:
        flow_service.set_csrf_node(flow, ctx)
    return flow


def _replacement(flow: SettingsFlow, ctx: FlowContext, session: Any) -> Any:
    return flow_service.replacement(
        flow,
        lambda: build_settings_flow(flow.type, ctx, session),
        MessageId.ERROR_VALIDATION_SETTINGS_FLOW_EXPIRED,
    )


def _strategy_update(flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate:
    for strategy in strategies.for_capability("settings"):
        update = strategy.settings(flow, body, ctx)
        if update is not None:
            return update
    raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_SETTINGS_NO_STRATEGY_FOUND)


def _write(flow: SettingsFlow, update: SettingsUpdate) -> Any:
    try:
        return identity_service.update_identity(
            flow.identity_id,
            traits=identity_service.UNSET if update.traits is None else update.traits,
            credential_configs=update.credentials or None,
        )
    except IdentityConflict as err:
        raise FlowValidation([(None, err.ui_message)]) from err
    except TraitsInvalid as err:
        raise FlowValidation([(v.field or None, v.message) for v in err.violations]) from err


def _verify_new_addresses(state: HookState) -> None:
    """Kratos runs its verifier after a profile change when verification is enabled."""
    if config.selfservice.flows.verification.enabled and VERIFICATION_HOOK in registry.HOOKS:
        hooks.build({"hook": VERIFICATION_HOOK}).settings_after(state)


def _apply(flow: SettingsFlow, update: SettingsUpdate, ctx: FlowContext, session: Any) -> Any:
    with transaction.atomic():
        identity = _write(flow, update)
        if update.proved and session is not None:
            session_service.refresh(session, update.proved)
        state = HookState(
            flow=flow, ctx=ctx, method=update.method, identity=identity, session=session
        )
        settings_hooks.run_after(state)
        if update.traits is not None:
            _verify_new_addresses(state)
        _succeed(flow, ctx, state)
    return state


def _succeed(flow: SettingsFlow, ctx: FlowContext, state: HookState) -> None:
    """Show the saved values again, with the success message (Kratos's ``success`` state)."""
    sealed.drop(flow)
    flow.identity = state.identity
    flow.ui = Container.new(str(flow.ui.get("action", ""))).data
    flow_service.set_csrf_node(flow, ctx)
    populate(flow, ctx, state.identity)
    Container(flow.ui).messages.append(ui_text(MessageId.INFO_SELF_SERVICE_SETTINGS_UPDATE_SUCCESS))
    flow.state = SettingsState.SUCCESS
    flow.active = str(state.method or "")
    continue_with = list(state.continue_with)
    if flow.type == FlowType.BROWSER and flow.return_to:
        target = return_target(flow, state.method)
        continue_with.append({"action": "redirect_browser_to", "redirect_browser_to": target})
    flow.continue_with = continue_with
    flow_service.save(flow)


def return_target(flow: SettingsFlow, method: str | None) -> str:
    """Kratos's settings return URL: ``return_to``, the method's or the flow's
    ``after.default_browser_return_url``, else the settings UI showing this flow."""
    if flow.return_to:
        return flow_service.return_to_for(flow, method)
    after = flow_service.flow_config("settings").after
    candidates = [after.get("default_browser_return_url")]
    if method and method in after.keys():
        candidates.insert(0, after[method].get("default_browser_return_url"))
    for candidate in candidates:
        if candidate:
            return urljoin(flow_service.public_base_url(), str(candidate))
    return flow.append_to(flow_service.ui_url("settings"))


def _show_form(flow: SettingsFlow, ctx: FlowContext) -> ShowFlow:
    """A strategy changed the form only (e.g. revealed lookup codes): show it again."""
    Container(flow.ui).reset_messages()
    sort_nodes(flow)
    flow_service.set_csrf_node(flow, ctx)
    flow.state = SettingsState.SHOW_FORM
    flow_service.save(flow)
    return ShowFlow(flow, status=200, ui_url=flow_service.ui_url("settings"))


def update_settings_flow(raw_id: str | None, body: JSON, ctx: FlowContext) -> ShowFlow | Redirect:
    """``updateSettingsFlow``: validate with the method's strategy, write, run the hooks."""
    flow = flow_service.load(SettingsFlow, raw_id)
    session = None
    try:
        session = check_session(ctx)
        _check_owner(flow, session)
        now = clock.now()
        if flow.is_expired_at(now):
            raise FlowExpired(flow.expires_at, now)
        update = _strategy_update(flow, body, ctx)
        state = _apply(flow, update, ctx, session)
    except (NoActiveSession, AalNotSatisfied, NeedsPrivilegedSession) as err:
        redirect = _browser_redirect(flow.type, ctx, err)
        if redirect is None:
            err.flow_type = flow.type  # type: ignore[attr-defined]
            raise
        return redirect
    except ShowForm:
        return _show_form(flow, ctx)
    except Exception as err:  # noqa: BLE001 - the flow error handler decides
        replace = _replacement(flow, ctx, session)
        return handler.handle(flow, err, ctx, replace=replace, sort=sort_nodes)
    for action in state.after_commit:
        action()
    event(SecurityEvent.SETTINGS_CHANGED, identity_id=flow.identity_id, method=update.method)
    if flow.type == FlowType.BROWSER and not ctx.is_json:
        return Redirect(return_target(flow, update.method))
    return ShowFlow(flow, status=200, ui_url=flow_service.ui_url("settings"))
