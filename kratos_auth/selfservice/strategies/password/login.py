"""Logging in with an identifier and a password.

Wrong password and unknown identifier fail identically (4000006) and cost the same: the
identifier lookup is one query either way, and an unknown identifier still pays one full
hash of a dummy credential (``hashers.dummy_verify``). Kratos instead sleeps a random delay
that is zero half the time. A disabled identity is only reported (4010011) after its
password was verified. A hash in an outdated format or with outdated parameters is
replaced on a successful login.
"""

from __future__ import annotations

import logging
from typing import Any

from kratos_auth import hashers, ratelimit
from kratos_auth.core import clock
from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import AAL, CredentialIdentifier, CredentialsType
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.schema import get_schema, normalize_identifier
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import traits
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body as _csrf_token
from kratos_auth.selfservice.flow.errors import FlowValidation, IdentityDisabled
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.strategies.password import nodes, policy
from kratos_auth.selfservice.strategies.password.payloads import PasswordLoginPayload
from kratos_auth.session import service as session_service
from kratos_auth.text import MessageId

JSON = Any
logger = logging.getLogger("kratos_auth.selfservice.password")


def populate(flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
    """Kratos's ``PopulateLoginMethodFirstFactor`` (and ``...Refresh``)."""
    if flow.requested_aal != AAL.AAL1:
        return  # a password is a first factor only
    container = Container(flow.ui)
    if flow.refresh and session is not None:
        identifier = refresh_identifier(session.identity)
        if not identifier:
            return  # no password set: do not offer one
        container.upsert(nodes.hidden_identifier_node(identifier))
    else:
        label = traits.identifier_label(get_schema(flow.identity_schema or None))
        container.upsert(nodes.identifier_node(label))
    container.upsert(nodes.password_node("current-password"))
    container.append(nodes.login_submit())


def refresh_identifier(identity: Any) -> str:
    credential = identity_queries.credentials_of(identity).get(CredentialsType.PASSWORD)
    if credential is None or not identity_queries.credential_config(credential).get(
        "hashed_password"
    ):
        return ""
    found = identity_queries.identifiers_of(credential)
    return found[0] if found else ""


def _find(identifier: str) -> CredentialIdentifier | None:
    # One query whether or not the identifier exists, so both paths cost the same.
    normalized = normalize_identifier(identifier)
    if not normalized:
        return None
    return (
        CredentialIdentifier.objects.select_related("credential__identity")
        .filter(type=CredentialsType.PASSWORD, identifier=normalized)
        .first()
    )


def _invalid() -> FlowValidation:
    return FlowValidation.on(None, MessageId.ERROR_VALIDATION_INVALID_CREDENTIALS)


def _rehash(credential: Any, config: JSON, password: str) -> None:
    try:
        config["hashed_password"] = hashers.hash_password(password)
    except Exception:  # noqa: BLE001 - an upgrade must never fail a good login
        logger.warning("could not upgrade a password hash; keeping the stored one")
        return
    credential.config = config
    credential.updated_at = clock.now()
    credential.save(update_fields=["config", "updated_at"])


def _failed(identity_id: Any, identifier: str, ip: str | None, why: str) -> FlowValidation:
    """Count the failure (lockout) and log it; the caller always sees the same 4000006."""
    event(SecurityEvent.LOGIN_FAILED, identity_id=identity_id, ip=ip, method="password", why=why)
    if why != "locked":  # attempts on a locked account are not verified, so not counted
        ratelimit.record_failure(identity_id, identifier, ip=ip)
    return _invalid()


def authenticate(
    flow: LoginFlow, payload: PasswordLoginPayload, ip: str | None = None
) -> Authenticated:
    password = str(payload.password.reveal())
    policy.check_size(password)
    row = _find(payload.identifier)
    identity_id = row.credential.identity_id if row is not None else None
    identifier = normalize_identifier(payload.identifier) or payload.identifier
    if ratelimit.is_locked(identity_id, identifier):
        # Locked, unknown and wrong look the same: same answer, same hashing cost.
        hashers.dummy_verify(password)
        raise _failed(identity_id, identifier, ip, "locked")
    if row is None:
        hashers.dummy_verify(password)
        raise _failed(None, identifier, ip, "unknown_identifier")
    credential = row.credential
    config = identity_queries.credential_config(credential)
    hashed = config.get("hashed_password")
    if not isinstance(hashed, str) or not hashers.verify_password(password, hashed):
        raise _failed(identity_id, identifier, ip, "wrong_password")
    identity = credential.identity
    if not identity.is_active:
        raise IdentityDisabled()
    if session_service.available_aal(identity) == AAL.AAL1:
        # A complete login ends the run of failures; with a second factor, only AAL2 does
        # (the session service resets it), so a known password cannot reset TOTP guessing.
        ratelimit.reset(identity_id)
    if hashers.needs_rehash(hashed):
        _rehash(credential, config, password)
    return Authenticated(identity, CredentialsType.PASSWORD, AAL.AAL1, row.identifier)


def login(flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
    if body.get("method") != CredentialsType.PASSWORD or flow.requested_aal != AAL.AAL1:
        return None
    submitted = body.get("identifier") or body.get("password_identifier")
    try:
        flow_service.check_submission(flow, ctx, _csrf_token(body))
        payload = PasswordLoginPayload.parse(body)
        flow.transient_payload = payload.transient_payload
        ratelimit.check(ratelimit.Action.LOGIN, ctx.client_ip, payload.identifier)
        result = authenticate(flow, payload, ctx.client_ip)
    except Exception:
        container = Container(flow.ui)
        container.reset_value("password")
        if isinstance(submitted, str):
            container.set_value("identifier", submitted[:512])
        raise
    flow.active = CredentialsType.PASSWORD
    return result
