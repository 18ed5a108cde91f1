"""Sending recovery and verification links: same steps, same time for known and unknown
addresses (see the code method's sender), links built from ``serve.public.base_url``."""

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
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.strategies.link import tokens
from kratos_auth.selfservice.strategies.link.models import LinkPurpose

JSON = Any


def link(flow_name: str, flow: Any, token: str) -> str:
    """``<public base>/self-service/<flow>?flow=<id>&token=<token>``."""
    query = urlencode({"flow": str(flow.id), "token": token})
    return flow_service.public_url(f"self-service/{flow_name}?{query}")


def _base(flow: Any) -> JSON:
    return {
        "request_url": flow.request_url,
        "transient_payload": flow.transient_payload,
        "expires_in_minutes": int(tokens.lifespan().total_seconds() // 60),
    }


def send_recovery_link(flow: Any, email: str, ctx: Any) -> None:
    ratelimit.check(ratelimit.Action.RECOVERY, ctx.client_ip, email)
    with pacing.at_least():
        found = identity_queries.find_recovery_address("email", email)
        identity = found.identity if found is not None and found.identity.is_active else None
        address = found.value if found is not None else normalize_address(email, "email")
        token = tokens.issue(
            LinkPurpose.RECOVERY,
            flow,
            identity=identity,
            address=address,
            via="email",
            usable=identity is not None,
        )
        data = _base(flow)
        if identity is not None:
            url = link("recovery", flow, str(token.reveal()))
            data |= {"recovery_url": url, "identity": courier.identity_model(identity)}
            courier.queue_email(address, TemplateType.RECOVERY_VALID, data)
        elif found is None and config.selfservice.flows.recovery.notify_unknown_recipients:
            courier.queue_email(address, TemplateType.RECOVERY_INVALID, data)
    event(
        SecurityEvent.RECOVERY_REQUESTED,
        identity_id=getattr(identity, "id", None),
        method="link",
        ip=ctx.client_ip,
    )


def send_verification_link(
    flow: Any, email: str, ctx: Any, *, address: Any = None, limited: bool = True
) -> None:
    if limited:
        ratelimit.check(ratelimit.Action.VERIFICATION, ctx.client_ip, email)
    with pacing.at_least(None if limited else pacing.NO_FLOOR):
        if address is None:
            address = identity_queries.find_verifiable_address("email", email)
        recipient = address.value if address is not None else normalize_address(email, "email")
        identity = address.identity if address is not None else None
        token = tokens.issue(
            LinkPurpose.VERIFICATION,
            flow,
            identity=identity,
            address=recipient,
            via="email",
            usable=identity is not None,
        )
        data = _base(flow)
        if identity is not None:
            url = link("verification", flow, str(token.reveal()))
            data |= {"verification_url": url, "identity": courier.identity_model(identity)}
            courier.queue_email(recipient, TemplateType.VERIFICATION_VALID, data)
        elif config.selfservice.flows.verification.notify_unknown_recipients:
            courier.queue_email(recipient, TemplateType.VERIFICATION_INVALID, data)
