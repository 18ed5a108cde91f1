"""Signing in with a passkey: a discoverable credential, no identifier typed (aal1, browser
flows only, as in Kratos).

The flow carries a challenge that does not name any key; the authenticator picks one and
returns its user handle, which identifies the identity (the ``passkey`` credential's
identifier). An unknown handle answers 4000015; a failed ceremony, or a sign counter that
went backwards (logged as a possible clone), answers 4000008.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import ratelimit
from kratos_auth.identity.credentials import user_handle_identifier
from kratos_auth.identity.models import AAL, Credential, CredentialIdentifier, CredentialsType
from kratos_auth.identity.sync import load_config
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.mfa import authenticators, ceremonies, flowstate
from kratos_auth.mfa.relying_party import passkey_selection, relying_party
from kratos_auth.schema import get_schema
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.errors import FlowValidation, IdentityDisabled
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.strategies.passkey import nodes
from kratos_auth.text import MessageId
from kratos_auth.text import mfa as mfa_text

JSON = Any
METHOD = CredentialsType.PASSKEY
SESSION_DATA = "session_data"


def stored_keys(identity_id: object) -> list[dict[str, JSON]]:
    row = Credential.objects.filter(identity_id=identity_id, type=METHOD).first()
    return authenticators.entries(load_config(row.config)) if row is not None else []


def _challenge(flow: LoginFlow, allow: list[bytes]) -> JSON:
    challenge = ceremonies.begin_login(
        relying_party(METHOD), allow=allow, user_verification=passkey_selection().user_verification
    )
    flowstate.put(flow, METHOD, SESSION_DATA, challenge.session)
    return challenge.options


def populate(flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
    """A discoverable-login challenge (or, to refresh, one for the session's passkeys)."""
    if flow.type != FlowType.BROWSER or flow.requested_aal != AAL.AAL1:
        return
    container = Container(flow.ui)
    if flow.refresh and session is not None:
        keys = authenticators.candidates(stored_keys(session.identity_id), passwordless=None)
        if not keys:
            return
        options = _challenge(flow, [k.credential_id for k in keys])
    else:
        options = _challenge(flow, [])
        label = traits.identifier_label(get_schema(flow.identity_schema or None))
        container.upsert(nodes.identifier(label))
    container.upsert(nodes.challenge(options))
    container.upsert(nodes.script_tag())
    container.upsert(nodes.login_input())
    container.append(nodes.login_trigger())


def _identity_for(assertion: Any) -> Any:
    handle = assertion.response.user_handle or b""
    text = user_handle_identifier(ceremonies.std_b64(handle)) if handle else ""
    if not text:
        return None
    row = (
        CredentialIdentifier.objects.select_related("credential__identity")
        .filter(type=METHOD, identifier=text)
        .first()
    )
    return row.credential.identity if row is not None else None


def _failed(identity_id: object, ip: str | None, why: str) -> FlowValidation:
    ratelimit.record_failure(identity_id, ip=ip)
    event(SecurityEvent.LOGIN_FAILED, identity_id=identity_id, ip=ip, method=METHOD, why=why)
    return FlowValidation.on(None, MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG)


def authenticate(flow: LoginFlow, submitted: str, ip: str | None) -> Any:
    """Verify the assertion; returns the identity it proves. Raises :class:`FlowValidation`."""
    session_data = flowstate.get(flow, METHOD, SESSION_DATA)
    try:
        assertion = ceremonies.parse_assertion(submitted)
    except ceremonies.WebAuthnMalformed as err:
        raise FlowValidation.generic(mfa_text.WEBAUTHN_UNPARSABLE) from err
    identity = _identity_for(assertion)
    if identity is None or not isinstance(session_data, dict):
        event(SecurityEvent.LOGIN_FAILED, ip=ip, method=METHOD, why="unknown_user_handle")
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_SUCH_NO_WEBAUTHN_USER)
    if ratelimit.is_locked(identity.id):
        raise _failed(identity.id, ip, "locked")
    candidates = authenticators.candidates(stored_keys(identity.id), passwordless=None)
    try:
        _, asserted = ceremonies.finish_login(
            relying_party(METHOD), session_data, assertion, candidates
        )
        authenticators.record_use(identity.id, METHOD, asserted)
    except authenticators.CloneSuspected as err:
        raise _failed(identity.id, ip, "sign_count_regressed") from err
    except ceremonies.WebAuthnFailed as err:
        raise _failed(identity.id, ip, "assertion_failed") from err
    flowstate.pop(flow, METHOD, SESSION_DATA)
    if not identity.is_active:
        raise IdentityDisabled()
    return identity


def login(flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
    submitted = body.get(nodes.LOGIN) if isinstance(body.get(nodes.LOGIN), str) else ""
    if flow.type != FlowType.BROWSER or not (submitted or body.get("method") == METHOD):
        return None
    if flow.requested_aal != AAL.AAL1:
        return None
    try:
        flow_service.check_submission(flow, ctx, token_from_body(body))
        ratelimit.check(ratelimit.Action.LOGIN, ctx.client_ip)
        if not submitted:
            # Kratos sends the browser back to the UI with a fresh challenge.
            Container(flow.ui).upsert(nodes.challenge(_challenge(flow, [])))
            raise FlowValidation()
        identity = authenticate(flow, submitted, ctx.client_ip)
    except Exception:
        Container(flow.ui).reset_value(nodes.LOGIN)
        raise
    flow.active = METHOD
    return Authenticated(identity, METHOD, AAL.AAL1)
