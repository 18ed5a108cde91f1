"""Logging in with a TOTP code: the second factor of an ``aal=aal2`` login.

Only the identity of the caller's session can be upgraded. A wrong code, a code already
used (same or earlier time step: replay) and a locked identity all answer 4000008; each
failure counts towards the identity's lockout, so the 10⁶ codes cannot be tried online.
"""

from __future__ import annotations

from typing import Any

from kratos_auth import ratelimit
from kratos_auth.identity import queries as identity_queries
from kratos_auth.identity.models import CredentialsType
from kratos_auth.mfa import totp
from kratos_auth.selfservice.flow import second_factor
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.strategies.totp import nodes
from kratos_auth.selfservice.strategies.totp.payloads import TotpLoginPayload
from kratos_auth.text import MessageId

JSON = Any


def stored_key(identity: Any) -> totp.TotpKey | None:
    """The identity's TOTP key, or ``None`` when it has none (or an unusable one)."""
    credential = identity_queries.credentials_of(identity).get(CredentialsType.TOTP)
    if credential is None:
        return None
    url = identity_queries.credential_config(credential).get("totp_url")
    try:
        return totp.parse_url(url) if isinstance(url, str) else None
    except totp.InvalidTotpUrl:
        return None


def populate(flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
    """Kratos's ``PopulateLoginMethodSecondFactor``: only for aal2, only with a TOTP key."""
    second_factor.populate(flow, session, _has_key, [nodes.login_code(), nodes.login_submit()])


def _has_key(identity: Any) -> bool:
    return stored_key(identity) is not None


def _wrong(identity: Any, ip: str | None, why: str) -> FlowValidation:
    wrong = MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG
    return second_factor.failed(identity, ip, "totp", why, wrong)


def verify(identity: Any, code: str, ip: str | None) -> None:
    """Check and consume ``code`` for ``identity``; raises :class:`FlowValidation`."""
    key = stored_key(identity)
    if key is None:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_NO_TOTP_DEVICE)
    if ratelimit.is_locked(identity.id):
        raise _wrong(identity, ip, "locked")
    step = totp.matching_step(key, code)
    if step is None:
        raise _wrong(identity, ip, "wrong_code")
    if not totp.consume_step(identity.id, step):
        raise _wrong(identity, ip, "replayed_code")


def login(flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
    return second_factor.login(
        flow,
        body,
        ctx,
        method=CredentialsType.TOTP,
        parse=TotpLoginPayload.parse,
        verify=verify,
        code_node=nodes.CODE,
    )
