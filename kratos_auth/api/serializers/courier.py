"""Wire shapes of api.json's ``message`` and ``messageDispatch`` (courier admin API).

Subjects and bodies carry one-time codes and recovery links, so outside ``--dev`` they are
replaced by :data:`REDACTED`, as Kratos does for bodies; here the subject is redacted too.
"""

from __future__ import annotations

from typing import Any

from kratos_auth.api.serializers.identity import format_time
from kratos_auth.courier.models import CourierMessage, MessageDispatch

JSON = Any
REDACTED = "<redacted-unless-dev-mode>"


def serialize_dispatch(dispatch: MessageDispatch) -> dict[str, JSON]:
    """api.json ``messageDispatch`` (``error`` says what failed, never what was sent)."""
    body: dict[str, JSON] = {
        "id": str(dispatch.id),
        "message_id": str(dispatch.message_id),
        "status": dispatch.status,
        "created_at": format_time(dispatch.created_at),
        "updated_at": format_time(dispatch.updated_at),
    }
    if isinstance(dispatch.error, dict):
        body["error"] = dispatch.error
    return body


def serialize_message(message: CourierMessage, *, reveal: bool = False) -> dict[str, JSON]:
    """api.json ``message``; subject and body only when ``reveal`` (``--dev``)."""
    return {
        "id": str(message.id),
        "type": message.type,
        "channel": message.channel,
        "status": message.status,
        "recipient": message.recipient,
        "subject": message.subject if reveal else REDACTED,
        "body": message.body if reveal else REDACTED,
        "template_type": message.template_type,
        "send_count": message.send_count,
        "dispatches": [serialize_dispatch(d) for d in message.dispatches.all()],
        "created_at": format_time(message.created_at),
        "updated_at": format_time(message.updated_at),
    }
