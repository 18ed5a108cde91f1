"""The flow error handler shared by all flows (Kratos's ``<flow>.ErrorHandler``).

* an expired flow is replaced by a fresh one carrying the "flow expired" message: API and
  JSON clients get 410 with ``use_flow_id``, browsers are sent to the new flow's UI;
* :class:`FlowValidation` and 400 errors become messages on the flow, answered with 400
  (the flow) or a redirect back to the UI;
* anything else is re-raised for the API layer to render (or forward, for browsers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kratos_auth.errors import KratosError
from kratos_auth.selfservice.flow import service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import FlowExpired, FlowValidation, IdentityDisabled
from kratos_auth.selfservice.flow.models import Flow, FlowType
from kratos_auth.selfservice.flow.outcomes import Redirect, ShowFlow
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.text import MessageId, ui_text

JSON = Any


def as_validation(error: BaseException) -> FlowValidation | None:
    """The form messages ``error`` stands for, or ``None`` if it is not a form error."""
    if isinstance(error, FlowValidation):
        return error
    if isinstance(error, IdentityDisabled):
        return error.as_validation()
    if isinstance(error, KratosError) and error.status == 400:
        reason = error.reason or error.default_message()
        return FlowValidation([(None, ui_text(MessageId.ERROR_VALIDATION_GENERIC, reason=reason))])
    return None


def handle(
    flow: Flow,
    error: BaseException,
    ctx: FlowContext,
    *,
    replace: Callable[[FlowExpired], Flow],
    sort: Callable[[Flow], None],
) -> ShowFlow | Redirect:
    """Turn ``error`` raised while updating ``flow`` into an outcome, or re-raise it."""
    if isinstance(error, FlowExpired):
        fresh = replace(error)
        if flow.type == FlowType.API or ctx.is_json:
            error.use_flow_id = str(fresh.id)
            error.flow_type = flow.type  # type: ignore[attr-defined]
            raise error
        return Redirect(fresh.append_to(service.ui_url(flow.flow_name)))
    validation = as_validation(error)
    if validation is None:
        # Tell the API layer whose error it is: browsers are sent to the error UI.
        error.flow_type = flow.type  # type: ignore[attr-defined]
        raise error
    container = Container(flow.ui)
    container.reset_messages()
    for node, message in validation.messages:
        container.add_message(message, node)
    sort(flow)
    service.set_csrf_node(flow, ctx)
    service.save(flow)
    return ShowFlow(flow, status=400, ui_url=service.ui_url(flow.flow_name))
