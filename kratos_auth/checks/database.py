"""Checks on the database connection: PostgreSQL without TLS.

E040 a PostgreSQL database on another host is reached without ``sslmode=require`` or stricter
(``verify-ca``, ``verify-full``) · W041 the same on a loopback address (TLS protects little
there, but a sidecar or port-forward may be what really answers). Unix sockets are fine.
The check reads Django's ``DATABASES`` (which ``example_project`` builds from ``dsn``).

W102 (``check --database``, ``migrate``): the rate-limit counters use Django's database cache
but its table does not exist yet (``manage.py createcachetable``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router

from kratos_auth.checks.base import TAG, Messages, deployment_check, error, warning
from kratos_auth.ratelimit.counters import cache

TLS_MODES = frozenset({"require", "verify-ca", "verify-full"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def _loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_databases(databases: Mapping[str, Mapping[str, Any]]) -> Messages:
    messages: Messages = []
    for alias, db in databases.items():
        if "postgresql" not in str(db.get("ENGINE", "")):
            continue
        host = str(db.get("HOST") or "")
        if not host or host.startswith("/"):
            continue  # Unix socket: no network to protect
        mode = (db.get("OPTIONS") or {}).get("sslmode") or "prefer (libpq's default)"
        if mode in TLS_MODES:
            continue
        msg = (
            f"Database {alias!r} ({host}) is reached with sslmode={mode}: the connection may "
            "fall back to plain text, exposing hashes and session data."
        )
        hint = (
            "Add sslmode=verify-full&sslrootcert=/path/to/ca.pem (or at least sslmode=require) "
            "to the DSN."
        )
        messages.append(warning(41, msg, hint) if _loopback(host) else error(40, msg, hint))
    return messages


@deployment_check
def database_checks(app_configs: Any = None, **kwargs: Any) -> Messages:
    return check_databases(settings.DATABASES)


def check_cache_table(databases: Any) -> Messages:
    backend = cache()
    if not isinstance(backend, DatabaseCache) or not databases:
        return []
    table = backend._table
    alias = router.db_for_read(backend.cache_model_class)
    if alias not in databases:
        return []
    try:
        with connections[alias].cursor() as cursor:
            tables = connections[alias].introspection.table_names(cursor)
    except DatabaseError:
        return []  # an unreachable database is reported elsewhere
    if table in tables:
        return []
    return [
        warning(
            102,
            f"The rate-limit counters use the database cache, but its table {table!r} does "
            "not exist: rate limits and lockout are not enforced.",
            "Run `python manage.py createcachetable` (or point REDIS_URL at Redis).",
        )
    ]


@checks.register(TAG, checks.Tags.database)
def cache_table_checks(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> Messages:
    return check_cache_table(databases)
