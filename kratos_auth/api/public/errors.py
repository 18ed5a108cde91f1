"""``GET /self-service/errors?id=``: errors the flows stored for the error UI (``flowError``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from kratos_auth.api import flows
from kratos_auth.api.exceptions import error_response
from kratos_auth.api.serializers.flow import serialize_flow_error
from kratos_auth.errors import KratosError
from kratos_auth.selfservice.flow import errorstore


@csrf_exempt
@flows.allow("GET")
def get_flow_error(request: HttpRequest) -> HttpResponse:
    try:
        stored = errorstore.get(request.GET.get("id"))
    except KratosError as err:
        return error_response(err, request)
    return JsonResponse(serialize_flow_error(stored))


urlpatterns = [path("self-service/errors", get_flow_error, name="getFlowError")]
