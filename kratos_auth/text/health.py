"""Wording of ``/health/ready``'s not-ready errors, as Ory's healthx writes them."""

from __future__ import annotations

# Names of the ready checks (keys of ``healthNotReadyStatus.errors``), as in Kratos.
CHECK_DATABASE = "database"
CHECK_MIGRATIONS = "migrations"

DATABASE_UNREACHABLE = "the database is not reachable"
MIGRATIONS_PENDING = "migrations have not yet been fully applied"
# The public surface never shares the reason (healthx's shareErrors=false).
OBFUSCATED = "error may contain sensitive information and was obfuscated"
