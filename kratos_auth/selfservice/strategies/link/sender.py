"""Sending recovery and verification links: same steps, same time for known and unknown
addresses (see the code method's sender), links built from ``serve.public.base_url``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from kratos_auth.core.secret import Secret
from kratos_auth.courier import queue as courier
from kratos_auth.courier.models import TemplateType
from kratos_auth.selfservice.flow import recipients
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.strategies.link import tokens
from kratos_auth.selfservice.strategies.link.models import LinkPurpose

JSON = Any


def link(flow_name: str, flow: Any, token: str) -> str:
    """``<public base>/self-service/<flow>?flow=<id>&token=<token>``."""
    query = urlencode({"flow": str(flow.id), "token": token})
    return flow_service.public_url(f"self-service/{flow_name}?{query}")


def _issue(purpose: str, flow: Any, via: str) -> Callable[[recipients.Recipient], Secret]:
    def issue(to: recipients.Recipient) -> Secret:
        return tokens.issue(
            purpose, flow, identity=to.identity, address=to.address, via=via, usable=to.usable
        )

    return issue


def send_recovery_link(flow: Any, email: str, ctx: Any) -> None:
    def valid_data(token: Secret, to: recipients.Recipient) -> JSON:
        url = link("recovery", flow, str(token.reveal()))
        return {"recovery_url": url, "identity": courier.identity_model(to.identity)}

    message = recipients.Message(
        _issue(LinkPurpose.RECOVERY, flow, "email"),
        valid_data,
        tokens.lifespan(),
        TemplateType.RECOVERY_VALID,
        TemplateType.RECOVERY_INVALID,
    )
    recipients.send_recovery(flow, email, ctx, "link", message)


def send_verification_link(
    flow: Any, email: str, ctx: Any, *, address: Any = None, limited: bool = True
) -> None:
    def valid_data(token: Secret, to: recipients.Recipient) -> JSON:
        url = link("verification", flow, str(token.reveal()))
        return {"verification_url": url, "identity": courier.identity_model(to.identity)}

    message = recipients.Message(
        _issue(LinkPurpose.VERIFICATION, flow, "email"),
        valid_data,
        tokens.lifespan(),
        TemplateType.VERIFICATION_VALID,
        TemplateType.VERIFICATION_INVALID,
    )
    recipients.send_verification(flow, email, "email", ctx, address, limited, message)
