"""Email over SMTP against a real server: STARTTLS, implicit TLS, certificates, AUTH."""

from __future__ import annotations

import pytest

from kratos_auth.courier import queue
from kratos_auth.courier.models import CourierMessage, MessageStatus, TemplateType

pytestmark = pytest.mark.django_db

DATA = {"recovery_code": "482913", "expires_in_minutes": 10}


def _queue(recipient: str = "alice@example.com") -> CourierMessage:
    return queue.queue_email(recipient, TemplateType.RECOVERY_CODE_VALID, DATA)


def _state(message: CourierMessage) -> tuple[str, int, list[str]]:
    message.refresh_from_db()
    return message.status, message.send_count, [d.status for d in message.dispatches.all()]


def test_starttls_delivers_multipart_mail_with_configured_sender_and_headers(
    mail_server, use_mail_server, deliver
):
    use_mail_server(
        mail_server,
        smtp={
            "from_address": "accounts@example.com",
            "from_name": "Example Accounts",
            "headers": {"X-SES-SOURCE-ARN": "arn:aws:ses:us-west-2:1:identity/example.com"},
            "local_name": "courier.example.com",
        },
    )
    message = _queue()
    assert deliver().sent == 1
    mail = mail_server.last_to("alice@example.com")
    assert mail.tls, "STARTTLS was not used"
    assert mail.ehlo == "courier.example.com"
    assert mail.mail_from == "accounts@example.com"
    assert str(mail.message["From"]) == "Example Accounts <accounts@example.com>"
    assert mail.message["X-SES-SOURCE-ARN"] == "arn:aws:ses:us-west-2:1:identity/example.com"
    assert mail.subject == "Your account recovery code"
    assert "482913" in mail.text and "482913" in mail.html
    assert mail.html.lstrip().startswith("<!DOCTYPE html>")
    assert _state(message) == (MessageStatus.SENT, 1, ["success"])


def test_starttls_is_mandatory_unless_disabled(mail_servers, use_mail_server, deliver):
    server = mail_servers(mode="plain")
    use_mail_server(server)
    message = _queue()
    assert deliver().failed == 1
    assert server.received == []
    assert _state(message) == (MessageStatus.QUEUED, 1, ["failed"])
    reason = message.dispatches.get().error["reason"]
    assert "STARTTLS" in reason

    use_mail_server(server, disable_starttls="true")
    other = _queue("bob@example.com")
    deliver()
    assert not server.last_to("bob@example.com").tls
    assert _state(other)[0] == MessageStatus.SENT


def test_certificate_is_verified_by_default(mail_server, use_mail_server, deliver):
    use_mail_server(mail_server, skip_ssl_verify="false")
    message = _queue()
    deliver()
    assert mail_server.received == []
    assert _state(message) == (MessageStatus.QUEUED, 1, ["failed"])
    assert "SSLCertVerificationError" in message.dispatches.get().error["reason"]


def test_trusted_ca_and_server_name(mail_server, use_mail_server, deliver, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", mail_server.ca_file)
    use_mail_server(mail_server, skip_ssl_verify="false", server_name="mail.example.test")
    _queue()
    assert deliver().sent == 1
    assert mail_server.last_to("alice@example.com").tls

    # A name the certificate does not carry fails the check.
    use_mail_server(mail_server, skip_ssl_verify="false", server_name="other.example.test")
    message = _queue("bob@example.com")
    deliver()
    assert mail_server.to("bob@example.com") == []
    assert _state(message)[0] == MessageStatus.QUEUED


def test_implicit_tls(mail_servers, use_mail_server, deliver, monkeypatch):
    server = mail_servers(mode="implicit")
    monkeypatch.setenv("SSL_CERT_FILE", server.ca_file)
    use_mail_server(server, scheme="smtps", skip_ssl_verify="false")
    message = _queue()
    assert deliver().sent == 1
    assert server.last_to("alice@example.com").tls
    assert _state(message)[0] == MessageStatus.SENT


def test_credentials_are_used_and_wrong_ones_keep_the_message_queued(
    mail_servers, use_mail_server, deliver
):
    server = mail_servers(credentials=("courier", "s3cret pass"))
    use_mail_server(server, userinfo="courier:wrong")
    message = _queue()
    deliver()
    assert server.received == []
    assert _state(message)[0] == MessageStatus.QUEUED
    assert "SMTP 535" in message.dispatches.get().error["reason"]

    use_mail_server(server, userinfo="courier:s3cret%20pass")
    other = _queue("bob@example.com")
    deliver()
    assert server.last_to("bob@example.com").login == "courier"
    assert _state(other)[0] == MessageStatus.SENT


def test_credentials_are_never_sent_in_cleartext_to_a_remote_host(
    mail_servers, use_mail_server, deliver, monkeypatch
):
    from kratos_auth.courier.channels import smtp

    server = mail_servers(mode="plain")
    use_mail_server(server, userinfo="courier:secret", disable_starttls="true")
    monkeypatch.setattr(smtp, "_loopback", lambda host: False)  # as if the relay were remote
    message = _queue()
    deliver()
    assert server.received == []
    assert "without TLS" in message.dispatches.get().error["reason"]


def test_connection_uri_parsing():
    from kratos_auth.courier.channels.smtp import SmtpSettings

    implicit = SmtpSettings.parse("smtps://mail.example.com/?server_name=mx.example.com")
    assert (implicit.port, implicit.implicit_tls, implicit.server_name) == (
        465,
        True,
        "mx.example.com",
    )
    explicit = SmtpSettings.parse("smtp://a%40b:p%2Fw@mail.example.com")
    assert (explicit.port, explicit.starttls, explicit.verify) == (587, True, True)
    assert (explicit.username, explicit.password) == ("a@b", "p/w")
    assert "p/w" not in repr(explicit)
    assert SmtpSettings.parse("smtp://h:25/?legacy_ssl=true").implicit_tls
    assert not SmtpSettings.parse("smtp://h:25/?skip_ssl_verify=true").verify
