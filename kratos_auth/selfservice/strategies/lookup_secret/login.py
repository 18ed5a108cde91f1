"""Logging in with a backup recovery code: the second factor of an ``aal=aal2`` login.

The code is compared with every stored code in constant time; a used one answers 4000012,
any other 4000016 (also when empty, as Kratos). It is spent with a unique insert, so two
logins racing with one code succeed once. Failures count towards the identity's lockout
(codes have about 41 bits; SECURITY.md asks for a rate limit below 64).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kratos_auth import ratelimit
from kratos_auth.core import clock
from kratos_auth.identity.models import Credential, CredentialsType
from kratos_auth.identity.sync import load_config
from kratos_auth.mfa import lookup
from kratos_auth.selfservice.flow import second_factor
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.outcomes import Authenticated
from kratos_auth.selfservice.login.models import LoginFlow
from kratos_auth.selfservice.strategies.lookup_secret import nodes
from kratos_auth.selfservice.strategies.lookup_secret.payloads import LookupLoginPayload
from kratos_auth.text import MessageId

JSON = Any


def stored_codes(identity: Any) -> list[dict[str, JSON]]:
    row = Credential.objects.filter(identity=identity, type=CredentialsType.LOOKUP_SECRET).first()
    return lookup.codes_of(load_config(row.config)) if row is not None else []


def populate(flow: LoginFlow, ctx: FlowContext, session: Any) -> None:
    second_factor.populate(flow, session, _has_codes, [nodes.login_code(), nodes.login_submit()])


def _has_codes(identity: Any) -> bool:
    return bool(stored_codes(identity))


def _failed(identity: Any, ip: str | None, why: str, message_id: MessageId) -> FlowValidation:
    return second_factor.failed(identity, ip, "lookup_secret", why, message_id)


def _record_used_at(identity: Any, code: str) -> None:
    """Set ``used_at`` in the credential config (display, admin API); under a row lock."""
    with transaction.atomic():
        row = (
            Credential.objects.select_for_update()
            .filter(identity=identity, type=CredentialsType.LOOKUP_SECRET)
            .first()
        )
        if row is None:
            return
        config = load_config(row.config)
        codes = lookup.codes_of(config)
        found = lookup.find(codes, code)
        if found.match is lookup.Match.VALID:
            now = clock.now()
            config["recovery_codes"] = lookup.mark_used(codes, found.index, now)
            row.config, row.updated_at = config, now
            row.save(update_fields=["config", "updated_at"])


def verify(identity: Any, code: str, ip: str | None) -> None:
    """Check and spend ``code``; raises :class:`FlowValidation`."""
    codes = stored_codes(identity)
    if not codes:
        raise FlowValidation.on(None, MessageId.ERROR_VALIDATION_NO_LOOKUP)
    invalid = MessageId.ERROR_VALIDATION_LOOKUP_INVALID
    if ratelimit.is_locked(identity.id):
        raise _failed(identity, ip, "locked", invalid)
    found = lookup.find(codes, code)
    if found.match is lookup.Match.INVALID:
        raise _failed(identity, ip, "wrong_code", invalid)
    used = MessageId.ERROR_VALIDATION_LOOKUP_ALREADY_USED
    if found.match is lookup.Match.USED or not lookup.spend(identity.id, code):
        raise _failed(identity, ip, "used_code", used)
    _record_used_at(identity, code)


def login(flow: LoginFlow, body: JSON, ctx: FlowContext) -> Authenticated | None:
    return second_factor.login(
        flow,
        body,
        ctx,
        method=CredentialsType.LOOKUP_SECRET,
        parse=LookupLoginPayload.parse,
        verify=verify,
        code_node=nodes.CODE,
    )
