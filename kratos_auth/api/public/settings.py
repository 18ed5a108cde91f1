"""Public settings endpoints (``/self-service/settings/...``): thin views over the service."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from kratos_auth.api import flows
from kratos_auth.api.serializers.account_flows import serialize_settings_flow
from kratos_auth.errors import KratosError
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Redirect, ShowFlow
from kratos_auth.selfservice.settings import service


@csrf_exempt
@require_GET
def create_native_settings_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.create_settings_flow(FlowType.API, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_settings_flow(flow)), ctx)


@csrf_exempt
@require_GET
def create_browser_settings_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        result = service.create_settings_flow(FlowType.BROWSER, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=True)
    if isinstance(result, Redirect):
        return flows.finish(flows.redirect(result.url), ctx)
    shown = ShowFlow(result, 200, flow_service.ui_url("settings"))
    return flows.finish(flows.show_flow(shown, ctx, serialize_settings_flow), ctx)


@csrf_exempt
@require_GET
def get_settings_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.get_settings_flow(request.GET.get("id"), ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_settings_flow(flow)), ctx)


@csrf_exempt
@require_POST
@sensitive_post_parameters()
@sensitive_variables("body")
def update_settings_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        body, ctx.form_encoded = flows.read_body(request)
        outcome = service.update_settings_flow(request.GET.get("flow"), body, ctx)
    except KratosError as err:
        browser = getattr(err, "flow_type", FlowType.BROWSER) == FlowType.BROWSER
        return flows.error(err, request, ctx, browser=browser)
    if isinstance(outcome, Redirect):
        return flows.finish(flows.redirect(outcome.url), ctx)
    return flows.finish(flows.show_flow(outcome, ctx, serialize_settings_flow), ctx)


urlpatterns = [
    path("self-service/settings/api", create_native_settings_flow, name="createNativeSettingsFlow"),
    path(
        "self-service/settings/browser",
        create_browser_settings_flow,
        name="createBrowserSettingsFlow",
    ),
    path("self-service/settings/flows", get_settings_flow, name="getSettingsFlow"),
    path("self-service/settings", update_settings_flow, name="updateSettingsFlow"),
]
