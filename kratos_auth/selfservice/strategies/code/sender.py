"""Sending one-time codes (Kratos's ``CodeSender``): look the address up, make the code,
queue the message - the same steps and the same time for known and unknown addresses.

* Known address: a usable code, and the ``*_code_valid`` message to the stored address.
* Unknown (or inactive) address: a code that can never succeed is stored all the same; a
  ``*_code_invalid`` message goes out only with ``notify_unknown_recipients``.
* Requests are rate-limited per client and per address first (429 alike for both), and the
  step runs inside ``courier.pacing.at_least`` so its duration says nothing either.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from kratos_auth import ratelimit
from kratos_auth.conf import config
from kratos_auth.courier import pacing
from kratos_auth.courier import queue as courier
from kratos_auth.courier.models import TemplateType
from kratos_auth.identity import queries as identity_queries
from kratos_auth.logging import SecurityEvent, event
from kratos_auth.schema import normalize_address
from kratos_auth.schema.formats import is_email, is_tel
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.strategies.code import codes
from kratos_auth.selfservice.strategies.code.models import CodePurpose

JSON = Any


def via_of(value: str) -> str:
    """``sms`` for a phone number, ``email`` otherwise (the verification form takes both)."""
    return "sms" if is_tel(value) and not is_email(value) else "email"


def _base(flow: Any) -> JSON:
    minutes = int(codes.lifespan().total_seconds() // 60)
    return {
        "request_url": flow.request_url,
        "transient_payload": flow.transient_payload,
        "expires_in_minutes": minutes,
    }


def send_recovery_code(flow: Any, email: str, ctx: Any) -> None:
    """Send a recovery code for ``email`` (or pretend to, for an unknown address)."""
    ratelimit.check(ratelimit.Action.RECOVERY, ctx.client_ip, email)
    with pacing.at_least():
        found = identity_queries.find_recovery_address("email", email)
        identity = found.identity if found is not None and found.identity.is_active else None
        address = found.value if found is not None else normalize_address(email, "email")
        code = codes.issue(
            CodePurpose.RECOVERY,
            flow,
            identity=identity,
            address=address,
            via="email",
            usable=identity is not None,
        )
        data = _base(flow)
        if identity is not None:
            data |= {"recovery_code": code.reveal(), "identity": courier.identity_model(identity)}
            courier.queue_email(address, TemplateType.RECOVERY_CODE_VALID, data)
        elif found is None and config.selfservice.flows.recovery.notify_unknown_recipients:
            courier.queue_email(address, TemplateType.RECOVERY_CODE_INVALID, data)
    event(
        SecurityEvent.RECOVERY_REQUESTED,
        identity_id=getattr(identity, "id", None),
        method="code",
        ip=ctx.client_ip,
    )


def verification_url(flow: Any, code: str) -> str:
    """A link that submits the code (Kratos's ``VerificationURL`` of code messages)."""
    query = urlencode({"flow": str(flow.id), "code": code})
    return flow_service.public_url(f"self-service/verification?{query}")


def send_verification_code(
    flow: Any, value: str, ctx: Any, *, address: Any = None, limited: bool = True
) -> None:
    """Send a verification code to ``value`` (``address`` when a hook already knows it)."""
    via = address.via if address is not None else via_of(value)
    if limited:
        ratelimit.check(ratelimit.Action.VERIFICATION, ctx.client_ip, value)
    with pacing.at_least(None if limited else pacing.NO_FLOOR):
        if address is None:
            address = identity_queries.find_verifiable_address(via, value)
        recipient = address.value if address is not None else normalize_address(value, via)
        identity = address.identity if address is not None else None
        code = codes.issue(
            CodePurpose.VERIFICATION,
            flow,
            identity=identity,
            address=recipient,
            via=via,
            usable=identity is not None,
        )
        data = _base(flow)
        if identity is not None:
            plain = str(code.reveal())
            data |= {
                "verification_code": plain,
                "verification_url": verification_url(flow, plain),
                "identity": courier.identity_model(identity),
            }
            courier.queue(via, recipient, TemplateType.VERIFICATION_CODE_VALID, data)
        elif config.selfservice.flows.verification.notify_unknown_recipients:
            courier.queue(via, recipient, TemplateType.VERIFICATION_CODE_INVALID, data)


def send_login_code(flow: Any, identity: Any, address: str, via: str) -> None:
    """Send a sign-in code to ``address`` of ``identity`` (``None``: a code that never works
    is stored and nothing is sent)."""
    code = codes.issue(
        CodePurpose.LOGIN,
        flow,
        identity=identity,
        address=address,
        via=via,
        usable=identity is not None,
    )
    if identity is not None:
        data = _base(flow) | {
            "login_code": code.reveal(),
            "identity": courier.identity_model(identity),
        }
        courier.queue(via, address, TemplateType.LOGIN_CODE_VALID, data)


def send_registration_code(flow: Any, addresses: list[tuple[str, str]], traits: JSON) -> None:
    """Send one sign-up code to every code address of the traits being registered."""
    via, first = addresses[0]
    code = codes.issue(CodePurpose.REGISTRATION, flow, address=first, via=via)
    data = _base(flow) | {"registration_code": code.reveal(), "traits": traits}
    for channel, address in addresses:
        courier.queue(channel, address, TemplateType.REGISTRATION_CODE_VALID, data)
