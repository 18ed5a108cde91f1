"""Sending one-time codes (Kratos's ``CodeSender``): look the address up, make the code,
queue the message - the same steps and the same time for known and unknown addresses.

* Known address: a usable code, and the ``*_code_valid`` message to the stored address.
* Unknown (or inactive) address: a code that can never succeed is stored all the same; a
  ``*_code_invalid`` message goes out only with ``notify_unknown_recipients``.
* Requests are rate-limited per client and per address first (429 alike for both), and the
  step runs inside ``courier.pacing.at_least`` so its duration says nothing either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from kratos_auth.core.secret import Secret
from kratos_auth.courier import queue as courier
from kratos_auth.courier.models import TemplateType
from kratos_auth.schema.formats import is_email, is_tel
from kratos_auth.selfservice.flow import recipients
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.strategies.code import codes
from kratos_auth.selfservice.strategies.code.models import CodePurpose

JSON = Any


def via_of(value: str) -> str:
    """``sms`` for a phone number, ``email`` otherwise (the verification form takes both)."""
    return "sms" if is_tel(value) and not is_email(value) else "email"


def _base(flow: Any) -> JSON:
    return recipients.message_data(flow, codes.lifespan())


def _issue(purpose: str, flow: Any, via: str) -> Callable[[recipients.Recipient], Secret]:
    def issue(to: recipients.Recipient) -> Secret:
        return codes.issue(
            purpose, flow, identity=to.identity, address=to.address, via=via, usable=to.usable
        )

    return issue


def send_recovery_code(flow: Any, email: str, ctx: Any) -> None:
    """Send a recovery code for ``email`` (or pretend to, for an unknown address)."""

    def valid_data(code: Secret, to: recipients.Recipient) -> JSON:
        return {"recovery_code": code.reveal(), "identity": courier.identity_model(to.identity)}

    message = recipients.Message(
        _issue(CodePurpose.RECOVERY, flow, "email"),
        valid_data,
        codes.lifespan(),
        TemplateType.RECOVERY_CODE_VALID,
        TemplateType.RECOVERY_CODE_INVALID,
    )
    recipients.send_recovery(flow, email, ctx, "code", message)


def verification_url(flow: Any, code: str) -> str:
    """A link that submits the code (Kratos's ``VerificationURL`` of code messages)."""
    query = urlencode({"flow": str(flow.id), "code": code})
    return flow_service.public_url(f"self-service/verification?{query}")


def send_verification_code(
    flow: Any, value: str, ctx: Any, *, address: Any = None, limited: bool = True
) -> None:
    """Send a verification code to ``value`` (``address`` when a hook already knows it)."""
    via = address.via if address is not None else via_of(value)

    def valid_data(code: Secret, to: recipients.Recipient) -> JSON:
        plain = str(code.reveal())
        return {
            "verification_code": plain,
            "verification_url": verification_url(flow, plain),
            "identity": courier.identity_model(to.identity),
        }

    message = recipients.Message(
        _issue(CodePurpose.VERIFICATION, flow, via),
        valid_data,
        codes.lifespan(),
        TemplateType.VERIFICATION_CODE_VALID,
        TemplateType.VERIFICATION_CODE_INVALID,
    )
    recipients.send_verification(flow, value, via, ctx, address, limited, message)


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
        courier.queue(via, address, TemplateType.LOGIN_CODE_VALID, data, identity_id=identity.id)


def send_registration_code(flow: Any, addresses: list[tuple[str, str]], traits: JSON) -> None:
    """Send one sign-up code to every code address of the traits being registered."""
    via, first = addresses[0]
    code = codes.issue(CodePurpose.REGISTRATION, flow, address=first, via=via)
    data = _base(flow) | {"registration_code": code.reveal(), "traits": traits}
    for channel, address in addresses:
        courier.queue(channel, address, TemplateType.REGISTRATION_CODE_VALID, data)
