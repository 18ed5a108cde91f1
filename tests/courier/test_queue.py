"""Queueing records which identity a message is about (for GDPR export and erasure)."""

from __future__ import annotations

import uuid

import pytest

from kratos_auth.courier import queue
from kratos_auth.courier.models import TemplateType

pytestmark = pytest.mark.django_db

DATA = {"login_code": "123456"}


def test_the_sender_names_the_identity():
    about = uuid.uuid4()
    message = queue.queue_email(
        "a@example.com", TemplateType.LOGIN_CODE_VALID, DATA, identity_id=about
    )
    assert message.identity_id == about
    sms = queue.queue(
        "sms", "+15551234567", TemplateType.LOGIN_CODE_VALID, DATA, identity_id=str(about)
    )
    sms.refresh_from_db()
    assert sms.identity_id == about and sms.channel == "sms"


@pytest.mark.parametrize("identity", [None, {"id": str(uuid.uuid4())}])
def test_without_a_known_identity_none_is_recorded(identity):
    # Only the sender names the identity; template data is never read for it.
    data = DATA if identity is None else {**DATA, "identity": identity}
    message = queue.queue_email("a@example.com", TemplateType.LOGIN_CODE_VALID, data)
    message.refresh_from_db()
    assert message.identity_id is None
