"""Public verification endpoints (``/self-service/verification/...``).

``GET /self-service/verification?flow=…&token=…`` (link method) and ``?flow=…&code=…``
(the link in code messages) are opened from an email: always answered as to a browser.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from kratos_auth.api.public import flow_views
from kratos_auth.api.serializers.account_flows import serialize_verification_flow
from kratos_auth.errors import BadRequest
from kratos_auth.selfservice.verification import service
from kratos_auth.text import account as text


@csrf_exempt
@require_GET
def create_native_verification_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_native(
        request, service.create_verification_flow, serialize_verification_flow
    )


@csrf_exempt
@require_GET
def create_browser_verification_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_browser(
        request, service.create_verification_flow, serialize_verification_flow, "verification"
    )


@csrf_exempt
@require_GET
def get_verification_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.get_flow(request, service.get_verification_flow, serialize_verification_flow)


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
    return flow_views.update_flow(
        request, service.update_verification_flow, serialize_verification_flow, link_body=_link_body
    )


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
