"""``courier.delivery_strategy: http`` and the ``sms`` HTTP channel against a local server."""

from __future__ import annotations

import base64
import json

import pytest

from kratos_auth.courier import queue
from kratos_auth.courier.models import MessageStatus, TemplateType

pytestmark = pytest.mark.django_db


def _http_config(settings, server, exempt: bool = True, **request_config) -> None:
    config = {"url": f"{server.url}/mail", **request_config}
    settings.KRATOS = {
        **settings.KRATOS,
        "courier": {
            "delivery_strategy": "http",
            "http": {"request_config": config},
            "channels": [{"id": "sms", "type": "http", "request_config": config}],
            "worker": {"retry_delay": "1s"},
        },
        "clients": {"http": {"private_ip_exception_urls": [f"{server.url}/"] if exempt else []}},
    }


def test_email_over_http_with_kratos_default_body_and_basic_auth(settings, http_server, deliver):
    _http_config(
        settings,
        http_server,
        auth={"type": "basic_auth", "config": {"user": "mailer", "password": "pw"}},
        headers={"X-Tenant": "acme"},
    )
    message = queue.queue_email(
        "alice@example.com", TemplateType.RECOVERY_CODE_VALID, {"recovery_code": "552211"}
    )
    assert deliver().sent == 1
    call = http_server.calls[-1]
    assert (call["method"], call["path"]) == ("POST", "/mail")
    assert call["headers"]["X-Tenant"] == "acme"
    assert call["headers"]["Authorization"] == "Basic " + base64.b64encode(b"mailer:pw").decode()
    body = json.loads(call["body"])
    assert body["recipient"] == "alice@example.com"
    assert body["template_type"] == "recovery_code_valid"
    assert body["recovery_code"] == "552211" and "552211" in body["body"]
    assert body["subject"] == "Your account recovery code"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_error_answers_keep_the_message_queued(settings, http_server, deliver):
    _http_config(settings, http_server)
    http_server.script = [(503, {"error": "busy"})]
    message = queue.queue_email("a@example.com", TemplateType.LOGIN_CODE_VALID, {"login_code": "1"})
    assert deliver().failed == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.dispatches.get().error == {"reason": "HTTP 503"}


def test_private_addresses_are_refused_unless_exempt(settings, http_server, deliver):
    _http_config(settings, http_server, exempt=False)
    message = queue.queue_email("a@example.com", TemplateType.LOGIN_CODE_VALID, {"login_code": "1"})
    deliver()
    assert http_server.calls == []
    message.refresh_from_db()
    assert "private address" in message.dispatches.get().error["reason"]


def test_sms_goes_through_the_sms_channel(settings, http_server, deliver):
    template = "function(ctx) { to: ctx.recipient, text: ctx.body }"
    body = "base64://" + base64.b64encode(template.encode()).decode()
    _http_config(settings, http_server, body=body)
    queue.queue_sms("+15551234567", TemplateType.LOGIN_CODE_VALID, {"login_code": "909090"})
    assert deliver().sent == 1
    sent = json.loads(http_server.calls[-1]["body"])
    assert sent == {"to": "+15551234567", "text": "Your sign-in code is: 909090"}
