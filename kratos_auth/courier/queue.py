"""Queueing messages: render the templates now, store the message, let a worker send it.

Flows call :func:`queue_email` (or :func:`queue_sms`) inside their own transaction, so a
message exists exactly when the flow step that asked for it was committed. Sending happens
later in ``kratos courier watch`` (or ``kratos serve --watch-courier``): a slow or dead mail
server never slows a request down, and nothing is lost while it is away.

A sender that knows which identity a message is about passes ``identity_id``: GDPR export
and erasure find the message by it even after the identity's addresses changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from kratos_auth.core import clock
from kratos_auth.courier import templates
from kratos_auth.courier.models import CourierMessage, MessageStatus, MessageType

JSON = Any
IdentityId = uuid.UUID | str | None
SMS_CHANNEL = "sms"
EMAIL_CHANNEL = "email"


def identity_model(identity: Any) -> JSON:
    """What templates may show of an identity (``identity`` / ``Identity``): no credentials."""
    return {
        "id": str(identity.id),
        "schema_id": identity.schema_id,
        "state": identity.state,
        "traits": identity.traits,
        "metadata_public": identity.metadata_public,
    }


def queue_email(
    recipient: str, template_type: str, data: JSON, *, identity_id: IdentityId = None
) -> CourierMessage:
    """Render ``template_type`` with ``data`` and queue it for ``recipient``.

    ``data`` is the template model (``to`` is filled in); it is stored encrypted for HTTP
    delivery. ``identity_id``: the identity the message is about, if known. Raises
    :class:`~kratos_auth.courier.templates.TemplateError`.
    """
    model = {"to": recipient, **data}
    rendered = templates.render_email(template_type, model)
    return _queue(
        recipient,
        template_type,
        model,
        identity_id,
        type=MessageType.EMAIL,
        channel=EMAIL_CHANNEL,
        subject=rendered.subject,
        body=rendered.text,
        html_body=rendered.html,
    )


def queue_sms(
    recipient: str, template_type: str, data: JSON, *, identity_id: IdentityId = None
) -> CourierMessage:
    """Render the SMS body of ``template_type`` and queue it for the ``sms`` channel."""
    model = {"to": recipient, **data}
    body = templates.render_sms(template_type, model)
    return _queue(
        recipient,
        template_type,
        model,
        identity_id,
        type=MessageType.PHONE,
        channel=SMS_CHANNEL,
        body=body,
    )


def _queue(
    recipient: str, template_type: str, model: JSON, identity_id: IdentityId, **content: str
) -> CourierMessage:
    now = clock.now()
    return CourierMessage.objects.create(
        status=MessageStatus.QUEUED,
        recipient=recipient,
        identity_id=identity_id,
        template_type=template_type,
        template_data=model,
        available_at=now,
        created_at=now,
        updated_at=now,
        **content,
    )


def queue(
    via: str, recipient: str, template_type: str, data: JSON, *, identity_id: IdentityId = None
) -> CourierMessage:
    """Queue for the channel of an address's ``via`` (``email`` or ``sms``)."""
    if via == SMS_CHANNEL:
        return queue_sms(recipient, template_type, data, identity_id=identity_id)
    return queue_email(recipient, template_type, data, identity_id=identity_id)


def requeue(message_ids: Iterable[Any]) -> int:
    """Queue abandoned messages again (the Django admin's "retry"): each is due now and gets
    one more attempt (``send_count`` keeps counting). Returns how many were re-queued."""
    now = clock.now()
    return CourierMessage.objects.filter(
        pk__in=list(message_ids), status=MessageStatus.ABANDONED
    ).update(status=MessageStatus.QUEUED, available_at=now, updated_at=now)
