"""Security events and the log formats, as an operator reading the logs sees them."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kratos_auth.audit.models import AuditEntry
from kratos_auth.logging import (
    JsonFormatter,
    RedactionFilter,
    SecurityEvent,
    TextFormatter,
    event,
    logging_settings,
)

ROOT = Path(__file__).resolve().parents[2]
IDENTITY = uuid.UUID("7f1e1c9a-3c4d-4a8e-9d0b-5a6b7c8d9e0f")


@pytest.fixture
def stream():
    """The lines our formatters write for ``kratos_auth.security`` during the test."""
    buffers = {"json": io.StringIO(), "text": io.StringIO()}
    handlers = []
    for name, formatter in (("json", JsonFormatter()), ("text", TextFormatter())):
        handler = logging.StreamHandler(buffers[name])
        handler.setFormatter(formatter)
        handler.addFilter(RedactionFilter())
        handlers.append(handler)
    logger = logging.getLogger("kratos_auth.security")
    for handler in handlers:
        logger.addHandler(handler)
    yield buffers
    for handler in handlers:
        logger.removeHandler(handler)


def json_lines(buffers) -> list[dict]:
    return [json.loads(line) for line in buffers["json"].getvalue().splitlines()]


def test_an_event_is_one_structured_line_in_each_format(stream, db):
    event(
        SecurityEvent.LOGIN_FAILED,
        identity_id=IDENTITY,
        identifier="jane@example.com",
        password="Hunter-2-Hunter",
        ip="198.51.100.4",
        why="wrong\npassword",
    )
    [record] = json_lines(stream)
    assert record["msg"] == "login_failed" and record["event"] == "login_failed"
    assert record["level"] == "warning" and record["audience"] == "audit"
    assert record["identity_id"] == str(IDENTITY) and record["ip"] == "198.51.100.4"
    assert record["identifier"] == "j***@example.com"
    assert record["password"] == "[redacted]"
    text = stream["text"].getvalue()
    assert text.count("\n") == 1  # the newline in the value was escaped
    assert "event=login_failed" in text and "why=wrong\\npassword" in text
    assert "Hunter-2-Hunter" not in text + stream["json"].getvalue()


def test_leak_sensitive_values_shows_emails_but_still_no_secrets(stream, settings, db):
    settings.KRATOS = {**settings.KRATOS, "log": {"leak_sensitive_values": True}}
    event(SecurityEvent.RECOVERY_REQUESTED, identifier="jane@example.com", code="739201")
    [record] = json_lines(stream)
    assert record["identifier"] == "jane@example.com"
    assert record["code"] == "[redacted]"


def test_events_are_written_to_the_audit_log(db):
    event(SecurityEvent.SESSION_REVOKED, identity_id=IDENTITY, session_id="s-1", ip="192.0.2.7")
    row = AuditEntry.objects.get()
    assert (row.source, row.action, row.actor) == (
        "security",
        "session_revoked",
        f"identity:{IDENTITY}",
    )
    assert (row.target_type, row.target_id, row.actor_ip) == (
        "identity",
        str(IDENTITY),
        "192.0.2.7",
    )
    assert row.details == {"session_id": "s-1"}


def test_admin_api_access_is_logged_but_audited_by_the_admin_api(stream, db):
    event(SecurityEvent.ADMIN_API_ACCESS, actor="api-key:ops", path="/admin/identities")
    assert json_lines(stream)[0]["event"] == "admin_api_access"
    assert not AuditEntry.objects.exists()


def test_an_audit_failure_does_not_break_the_caller(stream, caplog):
    # No database access in this test: the audit write fails, the event is still logged.
    event(SecurityEvent.KEY_ROTATED, key_id="ab12cd34")
    assert json_lines(stream)[0]["key_id"] == "ab12cd34"
    assert "not written to the audit log" in caplog.text


def test_unknown_event_names_fail_loudly():
    with pytest.raises(ValueError):
        event("login_maybe")


def test_exceptions_are_redacted_and_kept_on_one_line(stream):
    logger = logging.getLogger("kratos_auth.security")
    try:
        raise RuntimeError("hook failed for jane@example.com with token=ory_st_abcdefghij12345")
    except RuntimeError:
        logger.exception("web hook failed")
    [record] = json_lines(stream)
    assert "ory_st_abcdefghij12345" not in record["error"]
    assert "j***@example.com" in record["error"] and "RuntimeError" in record["error"]
    assert stream["text"].getvalue().count("\n") == 1


def test_plain_formatters_still_read_every_field(caplog, db):
    with caplog.at_level(logging.INFO, logger="kratos_auth.security"):
        event(SecurityEvent.SESSION_ISSUED, identity_id=IDENTITY, aal="aal1")
    assert f"session_issued identity_id={IDENTITY} aal=aal1" in caplog.text


def test_logging_settings_follow_log_level_and_format():
    config = logging_settings({"log": {"level": "debug", "format": "json"}})
    handler = config["handlers"]["kratos_console"]
    assert handler["formatter"] == "json" and handler["filters"] == ["kratos_redact"]
    assert config["root"]["level"] == "DEBUG"
    assert logging_settings({})["handlers"]["kratos_console"]["formatter"] == "text"
    assert logging_settings({"log": {"level": "fatal"}})["root"]["level"] == "CRITICAL"


def test_the_reference_project_logs_json_from_the_environment():
    """``LOG_FORMAT=json`` as Kratos reads it: a real process, its real stderr."""
    script = (
        "import logging; "
        "from kratos_auth.logging import SecurityEvent, event; "
        "logging.getLogger('django.request').warning('GET /x?token=ory_st_abcdefgh12345678'); "
        "event(SecurityEvent.KEY_ROTATED, key_id='ab12cd34', secret='s3cr3t-value')"
    )
    env = {
        **os.environ,
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "info",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "KRATOS_TEST_DSN": "",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    by_logger = {line["logger"]: line for line in lines}
    assert by_logger["django.request"]["msg"] == "GET /x?token=[redacted]"
    assert by_logger["kratos_auth.security"]["event"] == "key_rotated"
    assert "s3cr3t-value" not in done.stderr and "ory_st_abcdefgh12345678" not in done.stderr
