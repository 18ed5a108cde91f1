"""Logout endpoints: ``/self-service/logout/browser``, ``/self-service/logout`` and
``/self-service/logout/api`` (Kratos's ``logout`` handler)."""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from kratos_auth.api.exceptions import method_not_allowed
from kratos_auth.api.public.sessions import kratos_view
from kratos_auth.api.serializers.session import serialize_logout_flow
from kratos_auth.errors import BadRequest, PayloadTooLarge
from kratos_auth.selfservice.flow import service as flows
from kratos_auth.selfservice.flow.errors import ReturnToForbidden
from kratos_auth.session import logout, transport
from kratos_auth.text import sessions as text

MAX_BODY = 16 * 1024


class SeeOther(HttpResponseRedirect):
    status_code = 303


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _return_url(raw: str | None) -> str:
    """``return_to`` when allowed, else the logout default: the session is already gone,
    so an error page would help no one (Kratos shows one)."""
    try:
        return flows.check_return_to(raw) or flows.default_return_url("logout")
    except ReturnToForbidden:
        return flows.default_return_url("logout")


@kratos_view
def create_browser_logout_flow(request: HttpRequest) -> HttpResponse:
    """``GET /self-service/logout/browser``: a logout URL and token for this session."""
    if request.method != "GET":
        return method_not_allowed(request)
    token = transport.token_from_request(request)
    return_to = request.GET.get("return_to")
    flow = logout.create_browser_logout_flow(token, return_to, flows.check_return_to)
    return JsonResponse(serialize_logout_flow(flow.logout_url, flow.logout_token))


@kratos_view
def update_logout_flow(request: HttpRequest) -> HttpResponse:
    """``GET /self-service/logout?token=…&return_to=…``: end this session, clear the cookie,
    then 303 to ``return_to`` (204 for ``Accept: application/json``)."""
    if request.method != "GET":
        return method_not_allowed(request)
    token = transport.token_from_request(request)
    logout.update_logout_flow(token, request.GET.get("token"))
    if _wants_json(request):
        response: HttpResponse = HttpResponse(status=204)
    else:
        response = SeeOther(_return_url(request.GET.get("return_to")))
    transport.clear_session_cookie(response)
    return response


def _session_token_from_body(request: HttpRequest) -> str:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise PayloadTooLarge()
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, RequestDataTooBig):
        raise BadRequest(text.NATIVE_LOGOUT_BAD_BODY_REASON) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("session_token"), str):
        raise BadRequest(text.NATIVE_LOGOUT_BAD_BODY_REASON)
    return payload["session_token"]


@sensitive_variables("token")
@sensitive_post_parameters("session_token")
@csrf_exempt
@kratos_view
def perform_native_logout(request: HttpRequest) -> HttpResponse:
    """``DELETE /self-service/logout/api`` with ``{"session_token": …}``: 204."""
    if request.method != "DELETE":
        return method_not_allowed(request)
    token = _session_token_from_body(request)
    logout.perform_native_logout(token)
    return HttpResponse(status=204)


urlpatterns = [
    path("self-service/logout/browser", create_browser_logout_flow, name="create_browser_logout"),
    path("self-service/logout/api", perform_native_logout, name="perform_native_logout"),
    path("self-service/logout", update_logout_flow, name="update_logout_flow"),
]
