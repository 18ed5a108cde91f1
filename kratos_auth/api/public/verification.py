"""Public verification endpoints (``/self-service/verification/...``).

``GET /self-service/verification?flow=…&token=…`` (link method) and ``?flow=…&code=…``
(the link in code messages) are opened from an email: always answered as to a browser.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from kratos_auth.api import flows
from kratos_auth.api.serializers.account_flows import serialize_verification_flow
from kratos_auth.errors import BadRequest, KratosError
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Redirect, ShowFlow
from kratos_auth.selfservice.verification import service
from kratos_auth.text import account as text


@csrf_exempt
@require_GET
def create_native_verification_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.create_verification_flow(FlowType.API, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_verification_flow(flow)), ctx)


@csrf_exempt
@require_GET
def create_browser_verification_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.create_verification_flow(FlowType.BROWSER, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=True)
    shown = ShowFlow(flow, 200, flow_service.ui_url("verification"))
    return flows.finish(flows.show_flow(shown, ctx, serialize_verification_flow), ctx)


@csrf_exempt
@require_GET
def get_verification_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    try:
        flow = service.get_verification_flow(request.GET.get("id"), ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize_verification_flow(flow)), ctx)


def _link_body(request: HttpRequest) -> dict[str, str]:
    token, code = request.GET.get("token"), request.GET.get("code")
    if token:
        return {"token": token}
    if code:
        return {"method": "code", "code": code}
    raise BadRequest(text.TOKEN_MISSING_REASON)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
@sensitive_variables("body")
def update_verification_flow(request: HttpRequest) -> HttpResponse:
    ctx = flows.context(request)
    link = request.method == "GET"
    try:
        if link:
            body = _link_body(request)
        else:
            body, ctx.form_encoded = flows.read_body(request)
        outcome = service.update_verification_flow(request.GET.get("flow"), body, ctx)
    except KratosError as err:
        browser = link or getattr(err, "flow_type", FlowType.BROWSER) == FlowType.BROWSER
        return flows.error(err, request, ctx, browser=browser)
    if isinstance(outcome, Redirect):
        if link:
            return flows.finish(flows.redirect(outcome.url), ctx)
        return flows.finish(flows.follow(outcome, ctx, api_client=False), ctx)
    if link:
        return flows.finish(flows.redirect(outcome.flow.append_to(outcome.ui_url)), ctx)
    return flows.finish(flows.show_flow(outcome, ctx, serialize_verification_flow), ctx)


urlpatterns = [
    path(
        "self-service/verification/api",
        create_native_verification_flow,
        name="createNativeVerificationFlow",
    ),
    path(
        "self-service/verification/browser",
        create_browser_verification_flow,
        name="createBrowserVerificationFlow",
    ),
    path("self-service/verification/flows", get_verification_flow, name="getVerificationFlow"),
    path("self-service/verification", update_verification_flow, name="updateVerificationFlow"),
]
