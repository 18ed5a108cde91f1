"""Making a :class:`logging.LogRecord` safe to write: the redaction filter and its helpers.

Attach :class:`RedactionFilter` to every handler (``logging_settings`` does): a filter on a
*handler* sees the records of every logger, a filter on a logger only its own. Our
formatters call :func:`redact_record` too, so a handler without the filter is still safe.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from kratos_auth.logging.redaction import (
    DEFAULT_REDACTION_TEXT,
    escape_control,
    redact_fields,
    redact_text,
    redact_value,
)

FIELDS_ATTR = "kratos_fields"
EVENT_ATTR = "kratos_event"
_DONE_ATTR = "_kratos_redacted"
STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "taskName", _DONE_ATTR}
)


def current_options() -> tuple[bool, str]:
    """``(log.leak_sensitive_values, log.redaction_text)`` from the configuration.

    Falls back to the safe choice (no leaking) while the configuration cannot be read, e.g.
    when the record reports that the configuration is invalid.
    """
    try:
        from kratos_auth.conf import config

        leak = bool(config.log.leak_sensitive_values)
        mask = config.log.redaction_text or DEFAULT_REDACTION_TEXT
    except Exception:  # noqa: BLE001 - logging must never fail because config does
        return False, DEFAULT_REDACTION_TEXT
    return leak, str(mask)


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The structured fields of a record: ``kratos_fields`` flattened, plus simple extras."""
    fields: dict[str, Any] = {}
    for key, value in record.__dict__.items():
        if key in STANDARD_ATTRS or key.startswith("_") or key in (FIELDS_ATTR, EVENT_ATTR):
            continue
        if value is None or isinstance(value, str | int | float | bool | list | tuple | dict):
            fields[key] = value
    nested = record.__dict__.get(FIELDS_ATTR)
    if isinstance(nested, Mapping):
        fields.update(nested)
    return fields


def redact_record(
    record: logging.LogRecord, leak: bool | None = None, mask: str | None = None
) -> logging.LogRecord:
    """Redact ``record`` in place (message, exception text, stack, extra fields). Idempotent."""
    if getattr(record, _DONE_ATTR, False):
        return record
    if leak is None or mask is None:
        leak, mask = current_options()
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a bad format string must not lose the record
        message = f"{record.msg!s} {record.args!r}"
    record.msg = escape_control(redact_text(message, leak=leak, mask=mask))
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact_text(record.exc_text, leak=leak, mask=mask)
    if record.stack_info:
        record.stack_info = redact_text(record.stack_info, leak=leak, mask=mask)
    for key, value in list(record.__dict__.items()):
        if key in STANDARD_ATTRS or key.startswith("_"):
            continue
        if key == FIELDS_ATTR and isinstance(value, Mapping):
            record.__dict__[key] = redact_fields(value, leak=leak, mask=mask)
        elif value is None or isinstance(value, str | int | float | bool | list | tuple | dict):
            record.__dict__[key] = redact_value(key, value, leak=leak, mask=mask)
    setattr(record, _DONE_ATTR, True)
    return record


class RedactionFilter(logging.Filter):
    """Redacts every record passing through; never drops one.

    ``leak`` and ``mask`` default to ``log.leak_sensitive_values`` and ``log.redaction_text``
    read at each record, so changing the configuration takes effect without restarting.
    """

    def __init__(self, name: str = "", leak: bool | None = None, mask: str | None = None) -> None:
        super().__init__(name)
        self.leak = leak
        self.mask = mask

    def filter(self, record: logging.LogRecord) -> bool:
        leak, mask = self.leak, self.mask
        if leak is None or mask is None:
            default_leak, default_mask = current_options()
            leak = default_leak if leak is None else leak
            mask = default_mask if mask is None else mask
        redact_record(record, leak, mask)
        return True
