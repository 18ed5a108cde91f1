"""``POST /admin/recovery/code``: an administrator makes a recovery code for an identity.

The code belongs to a new recovery flow already in ``sent_email`` (no address field), of
``flow_type`` ``browser`` (default) or ``api``; ``recovery_link`` opens the recovery UI for
that flow. It expires after ``expires_in`` (default ``selfservice.methods.code.config
.lifespan``) and is used like an emailed code. Nothing is emailed.
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
from kratos_auth.selfservice.recovery import service as recovery_service
from kratos_auth.selfservice.strategies.code import codes
from kratos_auth.selfservice.strategies.code.models import CodeIssuer, CodePurpose
from kratos_auth.selfservice.strategies.code.recovery import code_screen
from kratos_auth.text import account as text


@dataclass(frozen=True)
class RecoveryCodeForIdentity:
    """api.json ``recoveryCodeForIdentity``."""

    recovery_link: str
    recovery_code: Secret
    expires_at: dt.datetime


def create_recovery_code_for_identity(
    identity_id: uuid.UUID | str,
    *,
    expires_in: str | dt.timedelta | None = None,
    flow_type: str = FlowType.BROWSER,
) -> RecoveryCodeForIdentity:
    """``createRecoveryCodeForIdentity``. Raises ``IdentityNotFound`` (404) or 400s."""
    if flow_type not in (FlowType.API, FlowType.BROWSER):
        raise BadRequest(text.FLOW_TYPE_INVALID_REASON)
    if not strategies.method_enabled("code"):
        raise BadRequest(text.RECOVERY_CODE_NOT_ENABLED_REASON)
    lifespan = recovery_service.parse_expires_in(expires_in, codes.lifespan())
    identity = recovery_service.admin_identity(identity_id)
    flow = recovery_service.create_admin_recovery_flow(flow_type, lifespan)
    code_screen(flow)
    flow.active = "code"
    recovery_service.sort_nodes(flow)
    flow_service.save(flow)
    code = codes.issue(
        CodePurpose.RECOVERY,
        flow,
        identity=identity,
        expires_in=lifespan,
        issuer=CodeIssuer.ADMIN,
    )
    return RecoveryCodeForIdentity(
        recovery_link=flow.append_to(flow_service.ui_url("recovery")),
        recovery_code=code,
        expires_at=clock.now() + lifespan,
    )
