"""Public registration endpoints (``/self-service/registration/...``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from kratos_auth.api import flows
from kratos_auth.api.public import flow_views
from kratos_auth.api.serializers.flow import (
    serialize_registration_flow,
    serialize_successful_registration,
)
from kratos_auth.selfservice.registration import service

_completed = flow_views.signed_in(serialize_successful_registration)


@csrf_exempt
@flows.allow("GET")
def create_native_registration_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_native(
        request, service.create_registration_flow, serialize_registration_flow
    )


@csrf_exempt
@flows.allow("GET")
def create_browser_registration_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.create_browser(
        request, service.create_registration_flow, serialize_registration_flow, "registration"
    )


@csrf_exempt
@flows.allow("GET")
def get_registration_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.get_flow(request, service.get_registration_flow, serialize_registration_flow)


@csrf_exempt
@flows.allow("POST")
@sensitive_post_parameters()
@sensitive_variables("body")
def update_registration_flow(request: HttpRequest) -> HttpResponse:
    return flow_views.update_flow(
        request, service.update_registration_flow, serialize_registration_flow, _completed
    )


urlpatterns = [
    path(
        "self-service/registration/api",
        create_native_registration_flow,
        name="createNativeRegistrationFlow",
    ),
    path(
        "self-service/registration/browser",
        create_browser_registration_flow,
        name="createBrowserRegistrationFlow",
    ),
    path("self-service/registration/flows", get_registration_flow, name="getRegistrationFlow"),
    path("self-service/registration", update_registration_flow, name="updateRegistrationFlow"),
]
