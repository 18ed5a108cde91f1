"""Public recovery endpoints (``/self-service/recovery/...``): thin views over the service.

``GET /self-service/recovery?flow=…&token=…`` is the link sent by email: it is always
answered as to a browser (session cookie, redirect to the settings UI).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from kratos_auth.api import flows
from kratos_auth.api.exceptions import error_response
from kratos_auth.api.public import flow_views
from kratos_auth.api.serializers.account_flows import serialize_recovery_flow
from kratos_auth.errors import BadRequest
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import BrowserLocationChangeRequired
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Completed
from kratos_auth.selfservice.recovery import service
from kratos_auth.session import transport
from kratos_auth.text import account as text


@csrf_exempt
@require_GET
def create_native_recovery_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_native(request, service.create_recovery_flow, serialize_recovery_flow)


@csrf_exempt
@require_GET
def create_browser_recovery_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_browser(
        request, service.create_recovery_flow, serialize_recovery_flow, "recovery"
    )


@csrf_exempt
@require_GET
def get_recovery_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.get_flow(request, service.get_recovery_flow, serialize_recovery_flow)


def _link_body(request: HttpRequest) -> dict[str, str]:
    token = request.GET.get("token")
    if not token:
        raise BadRequest(text.TOKEN_MISSING_REASON)
    return {"token": token}


def _completed(done: Completed, ctx: FlowContext, link: bool) -> HttpResponse:
    if done.flow.type == FlowType.API and not link:
        return JsonResponse(serialize_recovery_flow(done.flow))
    if ctx.is_json and not link:
        response: HttpResponse = error_response(BrowserLocationChangeRequired(done.return_to))
    else:
        response = flows.redirect(done.return_to)
    transport.set_session_cookie(response, done.session, done.session_token)
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
@sensitive_variables("body")
def update_recovery_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.update_flow(
        request, service.update_recovery_flow, serialize_recovery_flow, _completed, _link_body
    )


urlpatterns = [
    path("self-service/recovery/api", create_native_recovery_flow, name="createNativeRecoveryFlow"),
    path(
        "self-service/recovery/browser",
        create_browser_recovery_flow,
        name="createBrowserRecoveryFlow",
    ),
    path("self-service/recovery/flows", get_recovery_flow, name="getRecoveryFlow"),
    path("self-service/recovery", update_recovery_flow, name="updateRecoveryFlow"),
]
