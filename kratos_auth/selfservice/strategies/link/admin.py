"""``POST /admin/recovery/link``: an administrator makes a recovery link for an identity.

The link (``/self-service/recovery?flow=…&token=…``) belongs to a new browser recovery flow
and expires after ``expires_in`` (default ``selfservice.methods.link.config.lifespan``);
``return_to`` (checked against the allow-list) is where the user lands after the settings
flow. Nothing is emailed. The link method must be enabled.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from kratos_auth.core import clock
from kratos_auth.core.secret import Secret
from kratos_auth.errors import BadRequest
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow import strategies
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.selfservice.recovery import service as recovery_service
from kratos_auth.selfservice.strategies.link import nodes, sender, tokens
from kratos_auth.selfservice.strategies.link.models import LinkPurpose
from kratos_auth.text import account as text


@dataclass(frozen=True)
class RecoveryLinkForIdentity:
    """api.json ``recoveryLinkForIdentity`` (the link holds the token: treat it as secret)."""

    recovery_link: Secret
    expires_at: dt.datetime


def create_recovery_link_for_identity(
    identity_id: uuid.UUID | str,
    *,
    expires_in: str | dt.timedelta | None = None,
    return_to: str = "",
) -> RecoveryLinkForIdentity:
    """``createRecoveryLinkForIdentity``. Raises ``IdentityNotFound`` (404) or 400s."""
    if not strategies.method_enabled(nodes.METHOD):
        raise BadRequest(text.RECOVERY_LINK_NOT_ENABLED_REASON)
    lifespan = recovery_service.parse_expires_in(expires_in, tokens.lifespan())
    flow_service.check_return_to(return_to)
    identity = recovery_service.admin_identity(identity_id)
    flow = recovery_service.create_admin_recovery_flow(FlowType.BROWSER, lifespan, return_to)
    for node in nodes.form():
        Container(flow.ui).append(node)
    flow.active = nodes.METHOD
    recovery_service.sort_nodes(flow)
    flow_service.save(flow)
    token = tokens.issue(
        LinkPurpose.RECOVERY, flow, identity=identity, expires_in=lifespan, by_admin=True
    )
    return RecoveryLinkForIdentity(
        recovery_link=Secret(sender.link("recovery", flow, str(token.reveal()))),
        expires_at=clock.now() + lifespan,
    )
