"""What the link method reads from a submitted recovery or verification form."""

from __future__ import annotations

from typing import Any

from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowValidation

JSON = Any


def submitted_email(flow: Any, body: JSON, ctx: FlowContext) -> str:
    """The ``email`` field, stripped (``""`` when absent), once the anti-CSRF check passed."""
    csrf_token = body.get("csrf_token") if isinstance(body.get("csrf_token"), str) else None
    flow_service.check_submission(flow, ctx, csrf_token)
    return body.get("email").strip() if isinstance(body.get("email"), str) else ""


def email_required() -> FlowValidation:
    """The error for a form sent without an address."""
    errors = FlowValidation()
    errors.require("email")
    return errors


def transient_payload(body: JSON) -> JSON | None:
    transient = body.get("transient_payload")
    return transient if isinstance(transient, dict) else None
