"""Public login endpoints (``/self-service/login/...``): thin views over the login service."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from kratos_auth.api import flows
from kratos_auth.api.serializers.flow import serialize_login_flow, serialize_successful_login
from kratos_auth.errors import KratosError
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Completed, Redirect, ShowFlow
from kratos_auth.selfservice.login import service
from kratos_auth.session import transport


@csrf_exempt
@flows.allow("GET")
def create_native_login_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.create_login_flow(FlowType.API, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_login_flow(flow)), ctx)


@csrf_exempt
@flows.allow("GET")
def create_browser_login_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        result = service.create_login_flow(FlowType.BROWSER, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=True)
    if isinstance(result, Redirect):
        return flows.finish(flows.redirect(result.url), ctx)
    shown = ShowFlow(result, 200, flow_service.ui_url("login"))
    return flows.finish(flows.show_flow(shown, ctx, serialize_login_flow), ctx)


@csrf_exempt
@flows.allow("GET")
def get_login_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.get_login_flow(request.GET.get("id"), ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_login_flow(flow)), ctx)


@csrf_exempt
@flows.allow("POST")
@sensitive_post_parameters()
@sensitive_variables("body")
def update_login_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        body, ctx.form_encoded = flows.read_body(request)
        outcome = service.update_login_flow(request.GET.get("flow"), body, ctx)
    except KratosError as err:
        browser = getattr(err, "flow_type", FlowType.BROWSER) == FlowType.BROWSER
        return flows.error(err, request, ctx, browser=browser)
    if isinstance(outcome, ShowFlow):
        return flows.finish(flows.show_flow(outcome, ctx, serialize_login_flow), ctx)
    if isinstance(outcome, Redirect):
        return flows.finish(flows.follow(outcome, ctx, api_client=False), ctx)
    return flows.finish(_completed(outcome, ctx), ctx)


def _completed(done: Completed, ctx: FlowContext) -> HttpResponse:
    if done.flow.type == FlowType.API:
        return JsonResponse(serialize_successful_login(done, with_token=True))
    response = (
        JsonResponse(serialize_successful_login(done, with_token=False))
        if ctx.is_json
        else flows.redirect(done.return_to)
    )
    if done.session_token is not None:
        transport.set_session_cookie(response, done.session, done.session_token)
    return response


urlpatterns = [
    path("self-service/login/api", create_native_login_flow, name="createNativeLoginFlow"),
    path("self-service/login/browser", create_browser_login_flow, name="createBrowserLoginFlow"),
    path("self-service/login/flows", get_login_flow, name="getLoginFlow"),
    path("self-service/login", update_login_flow, name="updateLoginFlow"),
]
