"""Setting up and removing TOTP in the settings flow (``method: totp``).

Without a TOTP credential the flow shows a new key: a QR code of its ``otpauth://`` URL
(``totp_qr``) and the base32 secret (``totp_secret_key``), both *sealed* — kept in the flow's
encrypted internal context, never in its stored ``ui`` — and asks for a code (``totp_code``).
The issuer is ``selfservice.methods.totp.config.issuer`` (default: the public host), the
account name the trait marked ``totp.account_name`` (default: the identity id), as Kratos.
A valid code stores the key and adds ``totp`` (aal2) to the session; that code's time step
is spent. With a credential, ``totp_unlink`` removes it. Both need a privileged session.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from kratos_auth.conf import config
from kratos_auth.identity.models import AAL, CredentialsType
from kratos_auth.mfa import flowstate, qr, totp
from kratos_auth.schema import TraitsInvalid, get_schema, inspect_traits
from kratos_auth.selfservice.flow import sealed
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.csrf import token_from_body
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.selfservice.settings.privileged import require_privileged_session
from kratos_auth.selfservice.settings.strategy import SettingsUpdate
from kratos_auth.selfservice.strategies.totp import nodes
from kratos_auth.selfservice.strategies.totp.login import stored_key
from kratos_auth.selfservice.strategies.totp.payloads import TotpSettingsPayload
from kratos_auth.session.aal import AuthenticationMethod
from kratos_auth.text import MessageId
from kratos_auth.text import mfa as mfa_text

JSON = Any
METHOD = CredentialsType.TOTP
PENDING_URL = "url"


def issuer() -> str:
    configured = config.selfservice.methods["totp"].config.get("issuer")
    if configured:
        return str(configured)
    return urlsplit(flow_service.public_base_url()).hostname or "kratos"


def account_name(identity: Any) -> str:
    try:
        extensions = inspect_traits(get_schema(identity.schema_id), identity.traits)
    except TraitsInvalid:
        return str(identity.id)
    return extensions.totp_account_name or str(identity.id)


def populate(flow: SettingsFlow, ctx: FlowContext, identity: Any) -> None:
    container = Container(flow.ui)
    if stored_key(identity) is not None:
        container.upsert(nodes.unlink())
        return
    key = totp.new_key(account_name(identity), issuer())
    url = key.url()
    flowstate.put(flow, METHOD, PENDING_URL, url)
    sealed.seal(flow, nodes.qr_image(qr.png_data_uri(url)))
    sealed.seal(flow, nodes.secret_key(key.base32))
    container.upsert(nodes.verify_code())
    container.append(nodes.settings_submit())


def _link(flow: SettingsFlow, identity: Any, code: str) -> SettingsUpdate:
    url = flowstate.get(flow, METHOD, PENDING_URL)
    if not isinstance(url, str) or not url:
        raise FlowValidation.generic(mfa_text.TOTP_NO_PENDING_KEY)
    if not code.strip():
        errors = FlowValidation()
        errors.require(nodes.CODE)
        raise errors
    key = totp.parse_url(url)
    step = totp.matching_step(key, code)
    if step is None:
        raise FlowValidation.on(nodes.CODE, MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG)
    totp.forget_steps(identity.id)  # a new key: the old key's steps no longer matter
    totp.consume_step(identity.id, step)
    flowstate.pop(flow, METHOD, PENDING_URL)
    return SettingsUpdate(
        METHOD,
        credentials={METHOD: {"totp_url": url}},
        proved=(AuthenticationMethod(METHOD, AAL.AAL2),),
    )


def settings(flow: SettingsFlow, body: JSON, ctx: FlowContext) -> SettingsUpdate | None:
    payload = TotpSettingsPayload.parse(body)
    if body.get("method") != METHOD and not payload.unlink:
        return None
    container = Container(flow.ui)
    try:
        flow_service.check_submission(flow, ctx, token_from_body(body))
        require_privileged_session(flow, ctx.session)
        identity = ctx.session.identity
        if stored_key(identity) is None:
            return _link(flow, identity, str(payload.code.reveal()))
        if payload.unlink:
            return SettingsUpdate(METHOD, credentials={METHOD: None})
        return SettingsUpdate(METHOD)  # nothing to change, as Kratos
    except Exception:
        container.reset_value(nodes.CODE)
        raise
