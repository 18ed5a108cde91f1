"""Security logging: redaction, JSON/text formatters, security events.

``event(SecurityEvent.X, **fields)`` is the one way to record a security event;
``logging_settings(tree)`` builds Django's ``LOGGING`` from ``log.*``.
"""

from kratos_auth.logging.events import SecurityEvent, event, security_event
from kratos_auth.logging.formatters import JsonFormatter, TextFormatter
from kratos_auth.logging.records import RedactionFilter, redact_record
from kratos_auth.logging.redaction import mask_email, redact_fields, redact_text
from kratos_auth.logging.setup import logging_settings

__all__ = [
    "JsonFormatter",
    "RedactionFilter",
    "SecurityEvent",
    "TextFormatter",
    "event",
    "logging_settings",
    "mask_email",
    "redact_fields",
    "redact_record",
    "redact_text",
    "security_event",
]
