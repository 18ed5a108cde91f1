"""Kratos's ``DSN`` as a Django ``DATABASES`` entry.

Accepted: ``memory`` (also ``sqlite://file::memory:`` and ``?mode=memory``),
``sqlite:///abs/path?_fk=true&mode=rwc`` or ``sqlite://./relative.db`` (Kratos's query options
are dropped; Django always enforces foreign keys), ``postgres://`` / ``postgresql://`` /
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


_MEMORY = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
_SQLITE_MEMORY_NAMES = {"", ":memory:", "/:memory:", "file::memory:", "/file::memory:"}
_INVALID_URL = (
    "DSN: not a valid PostgreSQL URL (expected postgres://user:password@host:5432/database; "
    "percent-encode special characters in the password)"
)


def database_from_dsn(dsn: str) -> dict[str, Any]:
    """A Django database settings dict for ``dsn``. Raises :class:`DsnError`.

    Error messages name the problem, never the DSN itself, and are raised without their
    cause: the parser's own errors may quote a fragment of a mistyped password.
    """
    dsn = (dsn or "").strip()
    if dsn in ("memory", "sqlite://:memory:", "sqlite::memory:"):
        return dict(_MEMORY)
    try:
        parts = urlsplit(dsn)
        scheme = parts.scheme.lower()
    except ValueError:
        raise DsnError(_INVALID_URL) from None
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if scheme in ("sqlite", "sqlite3"):
        return _sqlite(parts.netloc + parts.path, query)
    if scheme in ("postgres", "postgresql", "cockroach", "cockroachdb"):
        return _postgres(parts, query)
    if scheme:
        raise DsnError(f"DSN: unsupported database scheme {scheme!r} (use sqlite or postgres)")
    raise DsnError("DSN: expected a URL such as postgres://user@host:5432/db or memory")


def _sqlite(path: str, query: dict[str, str]) -> dict[str, Any]:
    """``sqlite:///abs/path``, ``sqlite://./relative``, ``sqlite://file::memory:``."""
    if path.startswith("//"):
        path = path[1:]
    if path in _SQLITE_MEMORY_NAMES or query.get("mode") == "memory":
        return dict(_MEMORY)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": path.removeprefix("file:")}


def _postgres(parts: Any, query: dict[str, str]) -> dict[str, Any]:
    base = urlunsplit(("postgres", parts.netloc, parts.path, "", ""))
    try:
        db = dj_database_url.parse(base)
    except ValueError:
        raise DsnError(_INVALID_URL) from None
    if not db.get("NAME"):
        raise DsnError("DSN: the database name is missing (postgres://user@host:5432/DATABASE)")
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
        except UnitError:
            raise DsnError("DSN: max_conn_lifetime must be a duration such as 1h") from None
    db["OPTIONS"] = options
    return db
