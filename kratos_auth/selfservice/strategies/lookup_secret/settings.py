"""Backup recovery codes in the settings flow: regenerate, confirm, reveal, disable.

``lookup_secret_regenerate`` shows 12 new codes (sealed: kept in the flow's encrypted
internal context, never in its stored ``ui``) and a confirm button; only
``lookup_secret_confirm`` stores them (and adds ``lookup_secret``, aal2, to the session, as
Kratos). ``lookup_secret_reveal`` shows the stored codes again, used ones as "used";
``lookup_secret_disable`` removes them. Each needs a privileged session.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.identity.models import AAL, CredentialsType
from kratos_auth.mfa import flowstate, lookup
from kratos_auth.selfservice.flow import sealed
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.privileged import require_privileged_session
from kratos_auth.selfservice.settings.strategy import SettingsUpdate, ShowForm
from kratos_auth.selfservice.strategies.lookup_secret import nodes
from kratos_auth.selfservice.strategies.lookup_secret.login import stored_codes
from kratos_auth.selfservice.strategies.lookup_secret.payloads import LookupSettingsPayload
from kratos_auth.session.aal import AuthenticationMethod
from kratos_auth.text import mfa as mfa_text

JSON = Any
METHOD = CredentialsType.LOOKUP_SECRET
REGENERATED = "regenerated"


def populate(flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
    container = Container(flow.ui)
    if stored_codes(identity):
        container.upsert(nodes.reveal())
        container.upsert(nodes.disable())
    else:
        container.upsert(nodes.regenerate())


def _clear(flow: SettingsFlow) -> Container:
    container = Container(flow.ui)
    for name in nodes.SETTINGS_NODES:
        container.remove(name)
    sealed.drop(flow, nodes.CODES)
    return container


def _reveal(flow: SettingsFlow, identity: Any) -> None:
    codes = stored_codes(identity)
    if not codes:
        raise FlowValidation.generic(mfa_text.LOOKUP_REVEAL_NONE)
    container = _clear(flow)
    sealed.seal(flow, nodes.codes(codes))
    container.upsert(nodes.disable())
    container.upsert(nodes.regenerate())


def _regenerate(flow: SettingsFlow) -> None:
    codes = lookup.generate()
    container = _clear(flow)
    flowstate.put(flow, METHOD, REGENERATED, codes)
    sealed.seal(flow, nodes.codes(codes))
    container.upsert(nodes.confirm())


def _confirm(flow: SettingsFlow, identity: Any) -> SettingsUpdate:
    codes = flowstate.get(flow, METHOD, REGENERATED)
    if not isinstance(codes, list) or len(codes) != lookup.CODE_COUNT:
        raise FlowValidation.generic(mfa_text.LOOKUP_CONFIRM_FIRST)
    flowstate.pop(flow, METHOD, REGENERATED)
    lookup.forget(identity.id)  # the old codes are gone with their use records
    fresh = [{"code": str(c.get("code")), "used_at": None} for c in codes]
    return SettingsUpdate(
        METHOD,
        credentials={METHOD: {"recovery_codes": fresh}},
        proved=(AuthenticationMethod(METHOD, AAL.AAL2),),
    )


def settings(flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
    """Kratos picks this method by its buttons, whatever ``method`` says."""
    payload = LookupSettingsPayload.parse(body)
    if not payload.any:
        return None
    flow_service.check_submission(flow, ctx, token_from_body(body))
    require_privileged_session(flow, ctx.session)
    identity = ctx.session.identity
    if payload.confirm:
        return _confirm(flow, identity)
    if payload.reveal:
        _reveal(flow, identity)
        raise ShowForm()
    if payload.disable:
        flowstate.pop(flow, METHOD, REGENERATED)
        return SettingsUpdate(METHOD, credentials={METHOD: None})
    _regenerate(flow)
    raise ShowForm()
