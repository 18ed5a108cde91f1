"""``/health/alive``, ``/health/ready`` and ``/version`` in Kratos's shapes (both surfaces)."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

import kratos_auth


@require_GET
def is_alive(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
def is_ready(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # Kratos's healthNotReadyStatus: {"errors": {name: message}}
        return JsonResponse({"errors": {"database": "the database is not reachable"}}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def get_version(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"version": kratos_auth.__version__})
