"""The registration flow: create, fetch and update (Kratos's ``selfservice/flow/registration``).

After a strategy prepared the identity, ``after`` hooks run in two steps: pre-persist hooks
(``web_hook`` with ``response.parse``) may change it, then it is created and the
post-persist hooks run (``session`` last). Creation and post-persist hooks share one
transaction: when a hook fails, nothing is stored (no half-registered user) and the flow
says which hook failed. Duplicate identifiers in any case or Unicode form are refused with
4000007, also when two registrations race (the database's unique constraints decide).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kratos_auth.conf import config
from kratos_auth.errors import KratosError
from kratos_auth.identity import service as identity_service
from kratos_auth.identity.errors import IdentityConflict
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.schema import TraitsInvalid, default_schema_id, get_schema
from kratos_auth.selfservice.flow import handler, strategies
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits as trait_nodes
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import (
    AlreadyLoggedIn,
    FlowDisabled,
    FlowValidation,
)
from kratos_auth.selfservice.flow.hooks import HookState
from kratos_auth.selfservice.flow.models import FlowState, FlowType
from kratos_auth.selfservice.flow.outcomes import Completed, Prepared, Redirect, ShowFlow
from kratos_auth.selfservice.flow.ui import Container, Group
from kratos_auth.selfservice.registration import hooks
from kratos_auth.selfservice.registration.models import RegistrationFlow
from kratos_auth.selfservice.registration.strategy import IdentityDraft, Screen, SwitchScreen
from kratos_auth.text import MessageId
from kratos_auth.text import flows as flow_text

JSON = Any
GROUP_ORDER = (
    Group.DEFAULT,
    Group.PROFILE,
    Group.OIDC,
    Group.WEBAUTHN,
    Group.PASSKEY,
    Group.PASSWORD,
)


class HookFailed(Exception):
    """A post-persist hook failed; the transaction was rolled back."""


def two_steps() -> bool:
    """``style: profile_first`` (Kratos's default) unless ``enable_legacy_one_step``."""
    conf = config.selfservice.flows.registration
    return conf.style != "unified" and not conf.enable_legacy_one_step


def sort_nodes(flow: RegistrationFlow) -> None:
    """Kratos's ``SortNodes``: CSRF, the first trait, the password, the other traits …"""
    names = [p.name for p in trait_nodes.trait_paths(get_schema(flow.identity_schema or None))]
    keys = ["csrf_token", *names[:1], "password", *names[1:]]
    Container(flow.ui).sort(GROUP_ORDER, keys)


def populate(flow: RegistrationFlow, ctx: FlowContext, screen: Screen) -> None:
    for strategy in strategies.for_capability("populate_registration"):
        strategy.populate_registration(flow, ctx, screen)


def build_registration_flow(flow_type: str, ctx: FlowContext) -> RegistrationFlow:
    """A new, saved registration flow showing the first screen."""
    flow = flow_service.new_flow(
        RegistrationFlow, flow_type, ctx, config.selfservice.flows.registration.lifespan
    )
    populate(flow, ctx, Screen.PROFILE if two_steps() else Screen.UNIFIED)
    sort_nodes(flow)
    hooks.run_before(HookState(flow=flow, ctx=ctx))
    flow_service.save(flow)
    return flow


def create_registration_flow(flow_type: str, ctx: FlowContext) -> RegistrationFlow | Redirect:
    """``createNativeRegistrationFlow`` / ``createBrowserRegistrationFlow``."""
    if not config.selfservice.flows.registration.enabled:
        raise FlowDisabled(
            flow_text.REGISTRATION_DISABLED_REASON, message=flow_text.REGISTRATION_DISABLED_MESSAGE
        )
    if ctx.session is not None:
        if flow_type == FlowType.BROWSER and not ctx.is_json:
            target = flow_service.check_return_to(ctx.query.get("return_to"))
            return Redirect(target or flow_service.default_return_url("registration"))
        raise AlreadyLoggedIn(flow_text.REGISTRATION_ALREADY_LOGGED_IN_REASON)
    return build_registration_flow(flow_type, ctx)


def get_registration_flow(raw_id: str | None, ctx: FlowContext) -> RegistrationFlow:
    flow = flow_service.load(RegistrationFlow, raw_id)
    flow_service.check_readable(flow, ctx, flow_text.REGISTRATION_FLOW_GONE_REASON)
    return flow


def _replacement(flow: RegistrationFlow, ctx: FlowContext) -> Any:
    return flow_service.replacement(
        flow,
        lambda: build_registration_flow(flow.type, ctx),
        MessageId.ERROR_VALIDATION_REGISTRATION_FLOW_EXPIRED,
    )


def _switch(flow: RegistrationFlow, ctx: FlowContext, switch: SwitchScreen) -> ShowFlow:
    """Kratos's profile step: re-render the flow for ``switch.screen`` (JSON: 400)."""
    container = Container(flow.ui)
    container.reset_messages()
    if switch.screen == Screen.PROFILE:
        container.set_values(switch.traits, "traits")
    populate(flow, ctx, switch.screen)
    container.set_values(switch.traits, "traits")
    sort_nodes(flow)
    flow.state = FlowState.CHOOSE_METHOD
    flow_service.set_csrf_node(flow, ctx)
    flow_service.save(flow)
    return ShowFlow(flow, status=400, ui_url=flow_service.ui_url("registration"))


def _prepare(
    flow: RegistrationFlow, body: JSON, ctx: FlowContext, draft: IdentityDraft
) -> Prepared | SwitchScreen:
    flow_service.check_open(flow, MessageId.ERROR_VALIDATION_REGISTRATION_RETRY_SUCCESS)
    for strategy in strategies.for_capability("register"):
        result = strategy.register(flow, body, ctx, draft)
        if result is not None:
            return result
    raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_REGISTRATION_NO_STRATEGY_FOUND)


def _create(state: HookState, draft: IdentityDraft) -> None:
    try:
        state.identity = identity_service.create_identity(
            traits=draft.traits,
            schema_id=draft.schema_id,
            state=draft.state,
            metadata_public=draft.metadata_public,
            metadata_admin=draft.metadata_admin,
            credential_configs=draft.credentials,
            verifiable_addresses=draft.verifiable_addresses,
        )
    except IdentityConflict as err:
        raise FlowValidation([(None, err.ui_message)]) from err
    except TraitsInvalid as err:
        raise FlowValidation([(v.field or None, v.message) for v in err.violations]) from err


def _persist(state: HookState, draft: IdentityDraft) -> None:
    """Create the identity and run the post-persist hooks, all or nothing."""
    with transaction.atomic():
        _create(state, draft)
        try:
            hooks.run_post_persist(state)
        except (FlowValidation, KratosError):
            raise
        except Exception as err:  # noqa: BLE001 - rolled back, reported on the flow
            raise HookFailed(str(getattr(err, "hook", "") or type(err).__name__)) from err
        state.flow.state = FlowState.PASSED_CHALLENGE
        flow_service.save(state.flow)


def update_registration_flow(
    raw_id: str | None, body: JSON, ctx: FlowContext
) -> Completed | ShowFlow | Redirect:
    """``updateRegistrationFlow``: prepare, run hooks, create the identity."""
    flow = flow_service.load(RegistrationFlow, raw_id)
    try:
        if ctx.session is not None:
            if flow.type == FlowType.BROWSER and not ctx.is_json:
                return Redirect(flow_service.default_return_url("registration"))
            raise AlreadyLoggedIn(flow_text.REGISTRATION_ALREADY_LOGGED_IN_REASON)
        draft = IdentityDraft(schema_id=flow.identity_schema or default_schema_id())
        result = _prepare(flow, body, ctx, draft)
        if isinstance(result, SwitchScreen):
            return _switch(flow, ctx, result)
        state = HookState(flow=flow, ctx=ctx, method=result.method)
        hooks.run_pre_persist(_with_draft(state, draft))
        _persist(state, draft)
    except HookFailed as err:
        failed = FlowValidation.generic(flow_text.HOOK_FAILED_REASON.format(hook=err.args[0]))
        return handler.handle(flow, failed, ctx, replace=_replacement(flow, ctx), sort=sort_nodes)
    except Exception as err:  # noqa: BLE001 - the flow error handler decides
        return handler.handle(flow, err, ctx, replace=_replacement(flow, ctx), sort=sort_nodes)
    for action in state.after_commit:
        action()
    event(
        SecurityEvent.REGISTRATION_SUCCEEDED,
        identity_id=getattr(state.identity, "id", None),
        method=result.method,
        ip=ctx.client_ip,
    )
    return Completed(
        flow=flow,
        identity=state.identity,
        return_to=state.redirect_to or flow_service.return_to_for(flow, result.method),
        session=state.session,
        session_token=state.session_token,
        continue_with=state.continue_with,
    )


def _with_draft(state: HookState, draft: IdentityDraft) -> HookState:
    """Pre-persist hooks see (and may change) the draft as ``state.identity``."""
    state.identity = draft
    return state
