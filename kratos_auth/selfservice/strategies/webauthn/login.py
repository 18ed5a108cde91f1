"""Logging in with a security key: the second factor of an ``aal=aal2`` login, or the first
factor when ``selfservice.methods.webauthn.config.passwordless`` is on (browser flows only,
as in Kratos).

Passwordless login takes two submissions, as in Kratos: the identifier first (the flow then
carries a challenge for that identity's keys, shown with the 1010012 message), then the
browser's assertion. An unknown identifier answers 4000015 after the same work as a known
one without keys. Any failed ceremony answers 4000008; a sign counter that went backwards
fails it too and is logged as a possible cloned authenticator.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import ratelimit
from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import AAL, Credential, CredentialsType
from kratos_auth.identity.sync import load_config
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.mfa import authenticators, ceremonies, flowstate
from kratos_auth.mfa.relying_party import passwordless, relying_party
from kratos_auth.schema import normalize_identifier
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.errors import Aal1Required, FlowValidation
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.flow.ui import Container, Group
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.strategies.webauthn import nodes
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import mfa as mfa_text

JSON = Any
METHOD = CredentialsType.WEBAUTHN
SESSION_DATA = "session_data"


def stored_keys(identity_id: object) -> tuple[list[dict[str, JSON]], list[str]]:
    """The identity's WebAuthn keys and identifiers (read fresh, not from a cache)."""
    row = Credential.objects.filter(identity_id=identity_id, type=METHOD).first()
    if row is None:
        return [], []
    identifiers = sorted(r.identifier for r in row.identifier_rows.all())
    return authenticators.entries(load_config(row.config)), identifiers


def offer(flow: Any, identity_id: object, *, passwordless_keys: bool, label: MessageId) -> bool:
    """Put a login challenge for the identity's keys on the flow; ``False`` without keys."""
    items, identifiers = stored_keys(identity_id)
    usable = authenticators.candidates(items, passwordless=passwordless_keys)
    if not usable:
        return False
    challenge = ceremonies.begin_login(
        relying_party(METHOD), allow=[c.credential_id for c in usable]
    )
    flowstate.put(flow, METHOD, SESSION_DATA, challenge.session)
    container = Container(flow.ui)
    if identifiers:
        container.upsert(nodes.identifier(identifiers[0]))
    container.upsert(nodes.script_tag())
    container.upsert(nodes.login_trigger(challenge.options, label))
    container.upsert(nodes.login_input())
    return True


def populate(flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
    """Kratos's ``PopulateLoginMethod`` of the WebAuthn strategy."""
    if flow.type != FlowType.BROWSER:
        return
    if passwordless() and flow.requested_aal == AAL.AAL1:
        if flow.refresh and session is not None:
            offer(flow, session.identity_id, passwordless_keys=True, label=_LABEL)
            return
        container = Container(flow.ui)
        container.upsert(nodes.identifier())
        container.append(nodes.passwordless_submit())
    elif not passwordless() and flow.requested_aal == AAL.AAL2 and session is not None:
        offer(flow, session.identity_id, passwordless_keys=False, label=_LABEL)


_LABEL = MessageId.INFO_SELF_SERVICE_LOGIN_WEBAUTHN


def _failed(identity_id: object, ip: str | None, why: str) -> FlowValidation:
    if identity_id is not None:
        ratelimit.record_failure(identity_id, ip=ip)
    event(SecurityEvent.LOGIN_FAILED, identity_id=identity_id, ip=ip, method=METHOD, why=why)
    return FlowValidation.on(None, MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG)


def authenticate(
    flow: Any, identity_id: object, submitted: str, *, passwordless_keys: bool, ip: str | None
) -> None:
    """Verify the assertion against the challenge on the flow; raises :class:`FlowValidation`."""
    session_data = flowstate.get(flow, METHOD, SESSION_DATA)
    if not isinstance(session_data, dict):
        raise _failed(identity_id, ip, "no_challenge")
    if ratelimit.is_locked(identity_id):
        raise _failed(identity_id, ip, "locked")
    items, _ = stored_keys(identity_id)
    try:
        assertion = ceremonies.parse_assertion(submitted)
        _, asserted = ceremonies.finish_login(
            relying_party(METHOD),
            session_data,
            assertion,
            authenticators.candidates(items, passwordless=passwordless_keys),
        )
        authenticators.record_use(identity_id, METHOD, asserted)
    except ceremonies.WebAuthnMalformed as err:
        raise FlowValidation.on(
            None, MessageId.ERROR_VALIDATION_GENERIC, reason=mfa_text.WEBAUTHN_UNPARSABLE
        ) from err
    except authenticators.CloneSuspected as err:
        raise _failed(identity_id, ip, "sign_count_regressed") from err
    except ceremonies.WebAuthnFailed as err:
        raise _failed(identity_id, ip, "assertion_failed") from err
    flowstate.pop(flow, METHOD, SESSION_DATA)


def _passwordless(flow: LoginFlow, body: JSON, ctx: FlowContext, submitted: str) -> Authenticated:
    identifier = body.get("identifier") if isinstance(body.get("identifier"), str) else ""
    if not identifier:
        errors = FlowValidation()
        errors.require("identifier")
        raise errors
    ratelimit.check(ratelimit.Action.LOGIN, ctx.client_ip, identifier)
    found = identity_queries.find_by_identifier(METHOD, identifier)
    identity_id = found.identity.id if found is not None else None
    if not submitted:
        container = Container(flow.ui)
        if found is None or not offer(
            flow,
            identity_id,
            passwordless_keys=True,
            label=MessageId.INFO_SELF_SERVICE_LOGIN_CONTINUE,
        ):
            raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_SUCH_NO_WEBAUTHN_USER)
        container.remove("method", Group.WEBAUTHN)
        container.upsert(nodes.identifier(identifier))
        # Kratos redirects back to the UI here; we show the flow again with the challenge.
        raise FlowValidation([(None, ui_text(MessageId.INFO_LOGIN_WEBAUTHN_PASSWORDLESS))])
    if found is None:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_SUCH_NO_WEBAUTHN_USER)
    authenticate(flow, identity_id, submitted, passwordless_keys=True, ip=ctx.client_ip)
    return Authenticated(found.identity, METHOD, AAL.AAL1, normalize_identifier(identifier))


def login(flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
    submitted = body.get(nodes.LOGIN) if isinstance(body.get(nodes.LOGIN), str) else ""
    if flow.type != FlowType.BROWSER or not (submitted or body.get("method") == METHOD):
        return None
    first_factor = passwordless() and flow.requested_aal == AAL.AAL1
    if not first_factor and flow.requested_aal != AAL.AAL2:
        return None
    try:
        flow_service.check_submission(flow, ctx, token_from_body(body))
        if first_factor:
            result = _passwordless(flow, body, ctx, submitted)
        else:
            if ctx.session is None:
                raise Aal1Required()
            identity = ctx.session.identity
            ratelimit.check(ratelimit.Action.LOGIN, ctx.client_ip, str(identity.id))
            authenticate(flow, identity.id, submitted, passwordless_keys=False, ip=ctx.client_ip)
            result = Authenticated(identity, METHOD, AAL.AAL2)
    except Exception:
        Container(flow.ui).reset_value(nodes.LOGIN)
        raise
    flow.active = METHOD
    return result
