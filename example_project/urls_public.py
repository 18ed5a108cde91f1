"""Public surface of the reference project (``serve.public``, port 4433)."""

import os

from django.urls import include, path

urlpatterns = [
    path("", include("kratos_auth.api.urls.public")),
]

if os.environ.get("KRATOS_BENCH_FLOOR") == "1":
    # benchmarks/whoami.py's yardstick: a plain Django view doing one primary-key SELECT.
    import uuid

    from django.http import HttpRequest, JsonResponse

    from kratos_auth.identity.models import Identity

    def _bench_floor(request: HttpRequest, identity_id: uuid.UUID) -> JsonResponse:
        row = Identity.objects.filter(pk=identity_id).values("id", "traits").first()
        return JsonResponse({"id": str(row["id"]), "traits": row["traits"]})

    urlpatterns.append(path("_bench/floor/<uuid:identity_id>", _bench_floor))

handler404 = "kratos_auth.api.exceptions.not_found"
handler500 = "kratos_auth.api.exceptions.server_error"
