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
from kratos_auth.api.serializers.account_flows import serialize_recovery_flow
from kratos_auth.errors import BadRequest, KratosError
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import BrowserLocationChangeRequired
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Completed, Redirect, ShowFlow
from kratos_auth.selfservice.recovery import service
from kratos_auth.session import transport
from kratos_auth.text import account as text


@csrf_exempt
@require_GET
def create_native_recovery_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.create_recovery_flow(FlowType.API, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_recovery_flow(flow)), ctx)


@csrf_exempt
@require_GET
def create_browser_recovery_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        result = service.create_recovery_flow(FlowType.BROWSER, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=True)
    if isinstance(result, Redirect):
        return flows.finish(flows.redirect(result.url), ctx)
    shown = ShowFlow(result, 200, flow_service.ui_url("recovery"))
    return flows.finish(flows.show_flow(shown, ctx, serialize_recovery_flow), ctx)


@csrf_exempt
@require_GET
def get_recovery_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.get_recovery_flow(request.GET.get("id"), ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_recovery_flow(flow)), ctx)


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
    ctx = flows.context(request)
    link = request.method == "GET"
    try:
        if link:
            token = request.GET.get("token")
            if not token:
                raise BadRequest(text.TOKEN_MISSING_REASON)
            body = {"token": token}
        else:
            body, ctx.form_encoded = flows.read_body(request)
        outcome = service.update_recovery_flow(request.GET.get("flow"), body, ctx)
    except KratosError as err:
        browser = link or getattr(err, "flow_type", FlowType.BROWSER) == FlowType.BROWSER
        return flows.error(err, request, ctx, browser=browser)
    if isinstance(outcome, Completed):
        return flows.finish(_completed(outcome, ctx, link), ctx)
    if isinstance(outcome, Redirect):
        if link:
            return flows.finish(flows.redirect(outcome.url), ctx)
        return flows.finish(flows.follow(outcome, ctx, api_client=False), ctx)
    if link:
        return flows.finish(flows.redirect(outcome.flow.append_to(outcome.ui_url)), ctx)
    return flows.finish(flows.show_flow(outcome, ctx, serialize_recovery_flow), ctx)


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
