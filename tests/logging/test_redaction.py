"""What never reaches a log line: secrets by key and by shape; e-mails masked; one line each."""

from __future__ import annotations

import pytest

from kratos_auth.core.secret import Secret
from kratos_auth.logging.redaction import (
    escape_control,
    is_sensitive_key,
    mask_email,
    redact_fields,
    redact_text,
)

TOKEN = "ory_st_" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
ARGON = "$argon2id$v=19$m=131072,t=1,p=2$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"
BCRYPT = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"issued {TOKEN} to the client", TOKEN),
        ("GET /self-service/logout?token=ory_lo_0123456789abcdefghij&return_to=/", "ory_lo_"),
        (f"stored {ARGON}", ARGON),
        (f"imported {BCRYPT} ok", BCRYPT),
        ("$pbkdf2-sha256$i=600000$c2FsdA$aGFzaA imported", "$pbkdf2-sha256$i=600000"),
        ("Authorization: Bearer kak_9s8d7f6g5h4j3k2l1", "kak_9s8d7f6g5h4j3k2l1"),
        ("cookie: ory_kratos_session=MTY5; csrf_token_ab12=Zz9", "MTY5"),
        ("Set-Cookie: ory_kratos_session=MTY5abc; Path=/", "MTY5abc"),
        ('body {"password": "hunter2-hunter2", "method": "password"}', "hunter2-hunter2"),
        ("{'totp_code': '492039'}", "492039"),
        ("verify?flow=1&code=482910", "482910"),
        ("dsn postgres://kratos:db-Pa55word@db.internal:5432/kratos", "db-Pa55word"),
        ('"session_token":"sdlkfjsdlkfjsdf"', "sdlkfjsdlkfjsdf"),
        ("csrf_token=abcDEF123456", "abcDEF123456"),
    ],
)
def test_secrets_are_removed_wherever_they_appear(text, secret):
    redacted = redact_text(text)
    assert secret not in redacted
    assert "[redacted]" in redacted


def test_leaking_unmasks_emails_but_never_secrets():
    text = f"jane.doe@example.com logged in with {TOKEN}"
    assert redact_text(text) == "j***@example.com logged in with [redacted]"
    assert redact_text(text, leak=True) == "jane.doe@example.com logged in with [redacted]"


def test_custom_redaction_text():
    assert redact_text("password=x1y2z3", mask="<hidden>") == "password=<hidden>"


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "hashed_password",
        "session_token",
        "logoutToken",
        "code",
        "totp_code",
        "recovery_codes",
        "cookie",
        "Set-Cookie",
        "authorization",
        "secret",
        "api_key",
        "csrf_token",
        "ciphertext",
    ],
)
def test_sensitive_keys(key):
    assert is_sensitive_key(key)


@pytest.mark.parametrize(
    "key", ["status_code", "key_id", "identity_id", "method", "credentials_type", "ip"]
)
def test_harmless_keys(key):
    assert not is_sensitive_key(key)


def test_fields_are_redacted_by_key_recursively():
    fields = {
        "identity_id": "0b7c…",
        "password": "anything at all",
        "nested": {"code": 123456, "list": [{"token": "x"}], "status_code": 400},
        "identifier": "jane@example.com",
        "username": "janedoe",
        "wrapped": Secret("top-secret"),
    }
    safe = redact_fields(fields)
    assert safe["password"] == "[redacted]"
    assert safe["nested"] == {
        "code": "[redacted]",
        "list": [{"token": "[redacted]"}],
        "status_code": 400,
    }
    assert safe["identifier"] == "j***@example.com" and safe["username"] == "j***"
    assert "top-secret" not in str(safe["wrapped"])
    assert redact_fields(fields, leak=True)["identifier"] == "jane@example.com"


def test_control_characters_are_escaped():
    forged = "alice\r\ntime=2026 level=info msg=login_succeeded\x1b[31m\u2028"
    escaped = escape_control(forged)
    assert "\n" not in escaped and "\r" not in escaped and "\u2028" not in escaped
    assert escaped.startswith("alice\\r\\ntime=")
    assert "\\x1b" in escaped


def test_mask_email_keeps_the_domain():
    assert mask_email("x@example.org") == "x***@example.org"
