"""``/health/alive``, ``/health/ready`` and ``/version`` in Kratos's shapes (both surfaces).

``/health/ready`` runs Kratos's two ready checks, ``database`` (a round trip) and
``migrations`` (nothing left to apply), and answers 503 with ``healthNotReadyStatus``
(``{"errors": {check: message}}``) when one fails. As in Kratos, the admin surface names the
problem and the public surface obfuscates it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

import kratos_auth
from kratos_auth.api.exceptions import method_not_allowed
from kratos_auth.middleware import SURFACE_ENVIRON_KEY
from kratos_auth.text import health as text

logger = logging.getLogger("kratos_auth.health")
_state = {"migrated": False}  # once every migration is applied it stays so for this process

View = Callable[[HttpRequest], HttpResponse]


def _get_only(view: View) -> View:
    @functools.wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = method_not_allowed(request)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request)

    return wrapper


def _database_error() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as err:
        logger.warning("ready check: database unreachable (%s)", type(err).__name__)
        return text.DATABASE_UNREACHABLE
    return None


def _migrations_error() -> str | None:
    if _state["migrated"]:
        return None
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return text.MIGRATIONS_PENDING
    if pending:
        return text.MIGRATIONS_PENDING
    _state["migrated"] = True
    return None


def ready_errors() -> dict[str, str]:
    """The failing ready checks by name (empty when ready). Messages hold no internals."""
    database = _database_error()
    if database is not None:
        return {text.CHECK_DATABASE: database}
    migrations = _migrations_error()
    return {text.CHECK_MIGRATIONS: migrations} if migrations else {}


@_get_only
def is_alive(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


@_get_only
def is_ready(request: HttpRequest) -> HttpResponse:
    errors = ready_errors()
    if not errors:
        return JsonResponse({"status": "ok"})
    if request.META.get(SURFACE_ENVIRON_KEY) != "admin":
        errors = dict.fromkeys(errors, text.OBFUSCATED)
    return JsonResponse({"errors": errors}, status=503)


@_get_only
def get_version(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"version": kratos_auth.__version__})
