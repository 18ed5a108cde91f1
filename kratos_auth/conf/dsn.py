"""Kratos's ``DSN`` as a Django ``DATABASES`` entry.

Accepted: ``memory``, ``sqlite:///path?_fk=true&mode=rwc`` (Kratos's query options are
dropped; Django always enforces foreign keys), ``postgres://`` / ``postgresql://`` /
``cockroach://`` with ``sslmode``, ``sslrootcert``, ``sslcert``, ``sslkey``,
``connect_timeout``, ``application_name`` (passed to libpq) and ``max_conn_lifetime``
(Django's ``CONN_MAX_AGE``); Kratos's pool options (``max_conns``, ``max_idle_conns``, …) are
ignored.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import dj_database_url

from kratos_auth.core.units import UnitError, parse_duration

LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslpassword",
    "connect_timeout",
    "application_name",
    "target_session_attrs",
}
SSL_MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}


class DsnError(ValueError):
    """The DSN cannot be used; the message says why (never echoes the password)."""


def database_from_dsn(dsn: str) -> dict[str, Any]:
    """A Django database settings dict for ``dsn``."""
    dsn = (dsn or "").strip()
    if dsn in ("memory", "sqlite://:memory:", "sqlite::memory:"):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    parts = urlsplit(dsn)
    scheme = parts.scheme.lower()
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if scheme in ("sqlite", "sqlite3"):
        path = (parts.netloc + parts.path) if parts.netloc else parts.path
        if path.startswith("//"):
            path = path[1:]
        if not path or path in ("/:memory:", ":memory:"):
            return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if scheme in ("postgres", "postgresql", "cockroach", "cockroachdb"):
        return _postgres(parts, query)
    if scheme:
        raise DsnError(f"DSN: unsupported database scheme {scheme!r} (use sqlite or postgres)")
    raise DsnError("DSN: expected a URL such as postgres://user@host:5432/db or memory")


def _postgres(parts: Any, query: dict[str, str]) -> dict[str, Any]:
    base = urlunsplit(("postgres", parts.netloc, parts.path, "", ""))
    try:
        db = dj_database_url.parse(base)
    except ValueError as err:
        raise DsnError("DSN: not a valid PostgreSQL URL") from err
    db["ENGINE"] = "django.db.backends.postgresql"
    options: dict[str, Any] = {}
    for key, value in query.items():
        if key in LIBPQ_OPTIONS:
            options[key] = value
    mode = options.get("sslmode")
    if mode is not None and mode not in SSL_MODES:
        raise DsnError(f"DSN: sslmode must be one of {', '.join(sorted(SSL_MODES))}")
    if "max_conn_lifetime" in query:
        try:
            db["CONN_MAX_AGE"] = int(parse_duration(query["max_conn_lifetime"]).total_seconds())
        except UnitError as err:
            raise DsnError("DSN: max_conn_lifetime must be a duration such as 1h") from err
    db["OPTIONS"] = options
    return db
