"""``log.format``: ``json`` (one object per line) or ``text`` (logfmt ``key=value`` pairs).

Both redact the record first (see :mod:`kratos_auth.logging.records`) and always write exactly
one line per record: tracebacks are escaped into the line rather than spread over several.
Field names follow Kratos's (logrus) output: ``time``, ``level``, ``msg``, ``audience``
(``audit`` for security events, ``application`` otherwise), then the record's fields.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from kratos_auth.logging.records import EVENT_ATTR, extra_fields, redact_record
from kratos_auth.logging.redaction import escape_control

# Python level → Kratos (logrus) level names.
LEVEL_NAMES = {
    logging.DEBUG: "debug",
    logging.INFO: "info",
    logging.WARNING: "warning",
    logging.ERROR: "error",
    logging.CRITICAL: "fatal",
}


def level_name(levelno: int) -> str:
    for threshold in (logging.CRITICAL, logging.ERROR, logging.WARNING, logging.INFO):
        if levelno >= threshold:
            return LEVEL_NAMES[threshold]
    return "trace" if levelno < logging.DEBUG else "debug"


def _payload(record: logging.LogRecord) -> dict[str, Any]:
    redact_record(record)
    event = record.__dict__.get(EVENT_ATTR)
    payload: dict[str, Any] = {
        "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
            timespec="milliseconds"
        ),
        "level": level_name(record.levelno),
        # An event's message repeats its fields (for plain formatters): print the name only.
        "msg": str(event) if event else record.getMessage(),
        "logger": record.name,
        "audience": "audit" if event else "application",
    }
    if event:
        payload["event"] = str(event)
    for key, value in extra_fields(record).items():
        payload.setdefault(key, value)
    if record.exc_text:
        payload["error"] = escape_control(record.exc_text)
    if record.stack_info:
        payload["stack"] = escape_control(record.stack_info)
    return payload


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_payload(record), default=str, separators=(",", ":"))


def _logfmt_value(value: Any) -> str:
    if isinstance(value, dict | list | tuple):
        text = json.dumps(value, default=str, separators=(",", ":"))
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    # Control characters are escaped already (\\n as two characters): quoting only wraps.
    text = escape_control(text)
    if text == "" or any(c in text for c in ' ="'):
        return '"' + text.replace('"', '\\"') + '"'
    return text


class TextFormatter(logging.Formatter):
    """logfmt: ``time=… level=info msg="…" logger=… event=… key=value``."""

    def format(self, record: logging.LogRecord) -> str:
        payload = _payload(record)
        return " ".join(f"{key}={_logfmt_value(value)}" for key, value in payload.items())
