"""Django's ``LOGGING`` from Kratos's ``log.level`` and ``log.format``.

Settings run before the app registry, so this takes the raw config tree (what
``kratos_auth.conf.collect`` returns), not the config object::

    from kratos_auth.conf import collect
    from kratos_auth.logging import logging_settings

    LOGGING = logging_settings(collect(KRATOS))

Every record of every logger goes through one stderr handler with the redaction filter;
``log.leak_sensitive_values`` is read by the filter at run time.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

# Kratos's log.level values → Python levels ("trace" has no Python level: DEBUG).
LEVELS = {
    "trace": logging.DEBUG,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "fatal": logging.CRITICAL,
    "panic": logging.CRITICAL,
}
FORMATTERS = {
    "json": "kratos_auth.logging.formatters.JsonFormatter",
    "text": "kratos_auth.logging.formatters.TextFormatter",
}


def python_level(level: str | None) -> int:
    """The Python level for Kratos's ``log.level`` (``info`` when unset or unknown)."""
    return LEVELS.get((level or "info").lower(), logging.INFO)


def logging_settings(tree: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A ``LOGGING`` dict (dictConfig) for the ``log`` section of ``tree``."""
    log = (tree or {}).get("log") or {}
    level = logging.getLevelName(python_level(log.get("level")))
    fmt = log.get("format") if log.get("format") in FORMATTERS else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"kratos_redact": {"()": "kratos_auth.logging.records.RedactionFilter"}},
        "formatters": {name: {"()": path} for name, path in FORMATTERS.items()},
        "handlers": {
            "kratos_console": {
                "class": "logging.StreamHandler",
                "formatter": fmt,
                "filters": ["kratos_redact"],
            }
        },
        "root": {"handlers": ["kratos_console"], "level": level},
        "loggers": {
            # Django's own loggers would otherwise print through their unfiltered handlers.
            "django": {"handlers": ["kratos_console"], "level": level, "propagate": False},
            "django.server": {"handlers": ["kratos_console"], "propagate": False},
            "kratos_auth": {"level": level},
        },
    }
