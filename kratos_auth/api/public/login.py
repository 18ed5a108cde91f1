"""Public login endpoints (``/self-service/login/...``): thin views over the login service."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from kratos_auth.api import flows
from kratos_auth.api.public import flow_views
from kratos_auth.api.serializers.flow import serialize_login_flow, serialize_successful_login
from kratos_auth.selfservice.login import service

_completed = flow_views.signed_in(serialize_successful_login)


@csrf_exempt
@flows.allow("GET")
def create_native_login_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_native(request, service.create_login_flow, serialize_login_flow)


@csrf_exempt
@flows.allow("GET")
def create_browser_login_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_browser(
        request, service.create_login_flow, serialize_login_flow, "login"
    )


@csrf_exempt
@flows.allow("GET")
def get_login_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.get_flow(request, service.get_login_flow, serialize_login_flow)


@csrf_exempt
@flows.allow("POST")
@sensitive_post_parameters()
@sensitive_variables("body")
def update_login_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.update_flow(
        request, service.update_login_flow, serialize_login_flow, _completed
    )


urlpatterns = [
    path("self-service/login/api", create_native_login_flow, name="createNativeLoginFlow"),
    path("self-service/login/browser", create_browser_login_flow, name="createBrowserLoginFlow"),
    path("self-service/login/flows", get_login_flow, name="getLoginFlow"),
    path("self-service/login", update_login_flow, name="updateLoginFlow"),
]
