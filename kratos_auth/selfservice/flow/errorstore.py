"""Errors not tied to a form: stored, then shown by the error UI via ``/self-service/errors``.

Browsers that hit such an error (a CSRF violation, an unknown flow) are redirected to
``selfservice.flows.error.ui_url?id=<error id>``; the UI fetches the error body from the
public API. Only the rendered body (id, code, status, reason, message) is stored, so nothing
secret can end up there. Stored errors expire with ``selfservice.flows.error.lifespan``
semantics of Kratos (one day); older ones are no longer served.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from kratos_auth.core import clock
from kratos_auth.errors import BadRequest, KratosError, NotFound
from kratos_auth.selfservice.flow.models import SelfServiceError
from kratos_auth.selfservice.flow.outcomes import Redirect
from kratos_auth.selfservice.flow.service import error_ui_url
from kratos_auth.text import flows as flow_text

JSON = Any
ERROR_TTL = dt.timedelta(days=1)


def store(error: KratosError) -> SelfServiceError:
    """Persist the rendered body of ``error`` and return the stored row."""
    now = clock.now()
    body = error.to_body()
    return SelfServiceError.objects.create(
        id=uuid.uuid4(), error=body.get("error", body), created_at=now, updated_at=now
    )


def forward(error: KratosError) -> Redirect:
    """Store ``error`` and send the browser to the error UI (Kratos's ``errorx.Forward``)."""
    stored = store(error)
    separator = "&" if "?" in error_ui_url() else "?"
    return Redirect(f"{error_ui_url()}{separator}id={stored.id}")


def get(raw_id: str | None) -> SelfServiceError:
    """The stored error; 400 for a malformed id, 404 when unknown or expired."""
    if not raw_id or len(raw_id) > 64:
        raise BadRequest(flow_text.ERROR_ID_MISSING_REASON)
    try:
        error_id = uuid.UUID(raw_id)
    except ValueError as err:
        raise BadRequest(flow_text.ERROR_ID_MISSING_REASON) from err
    now = clock.now()
    found = SelfServiceError.objects.filter(id=error_id, created_at__gt=now - ERROR_TTL).first()
    if found is None:
        raise NotFound(flow_text.ERROR_NOT_FOUND_REASON)
    if found.seen_at is None:
        SelfServiceError.objects.filter(id=found.id).update(seen_at=now, updated_at=now)
    return found
