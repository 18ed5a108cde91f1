"""A tiny host site for the integration tests: plain Django views, the decorators and DRF
views, served by its own URLconf (this module)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import path
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from kratos_auth.contrib.rest_framework import (
    Aal2Required,
    HasKratosSession,
    KratosSessionAuthentication,
    VerifiedAddressRequired,
)
from kratos_auth.decorators import aal2_required, session_required, verified_address_required

TEMPLATE = (
    "{% if user.is_authenticated %}hello {{ user.get_username }}{% else %}anonymous{% endif %}"
)


def plain(request: HttpRequest) -> JsonResponse:
    session = request.kratos_session
    return JsonResponse(
        {
            "authenticated": request.user.is_authenticated,
            "user": str(request.user),
            "session": str(session.id) if session else None,
            "identity": str(request.kratos_identity.id) if request.kratos_identity else None,
        }
    )


def untouched(request: HttpRequest) -> HttpResponse:
    return HttpResponse("no one asked who you are")


def template(request: HttpRequest) -> HttpResponse:
    return HttpResponse(engines["django"].from_string(TEMPLATE).render({}, request))


@login_required
def members(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"members: {request.user.pk}")


@permission_required("kratos_auth.view_session", raise_exception=True)
def staff_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff")


def _echo(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"session": str(request.kratos_session.id)})


decorated_session = session_required(_echo)
decorated_aal2 = aal2_required(_echo)
decorated_verified = verified_address_required(_echo)


def _drf_body(request: Request) -> Response:
    return Response(
        {
            "user": str(request.user),
            "authenticated": bool(request.user and request.user.is_authenticated),
            "session": str(request.auth.id) if request.auth else None,
        }
    )


def _drf_view(*permissions):
    @api_view(["GET", "POST"])
    @authentication_classes([KratosSessionAuthentication])
    @permission_classes(list(permissions))
    def view(request: Request) -> Response:
        return _drf_body(request)

    return view


urlpatterns = [
    path("host/plain", plain),
    path("host/untouched", untouched),
    path("host/template", template),
    path("host/members", members),
    path("host/staff", staff_only),
    path("host/session", decorated_session),
    path("host/aal2", decorated_aal2),
    path("host/verified", decorated_verified),
    path("host/drf/open", _drf_view(AllowAny)),
    path("host/drf/session", _drf_view(HasKratosSession)),
    path("host/drf/aal2", _drf_view(Aal2Required)),
    path("host/drf/verified", _drf_view(VerifiedAddressRequired)),
]
