"""Public session endpoints: ``/sessions/whoami``, ``/sessions``, ``/sessions/{id}``.

Like Kratos, these are exempt from CSRF checks: they never change state on a plain cross-site
navigation (SameSite cookies), and API clients send tokens, not cookies.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from kratos_auth.api.admin.base import self_url
from kratos_auth.api.exceptions import error_response, method_not_allowed
from kratos_auth.api.pagination import Paginator, pagination_headers
from kratos_auth.api.serializers.session import serialize_count, serialize_session
from kratos_auth.errors import BadRequest, KratosError
from kratos_auth.session import config as session_config
from kratos_auth.session import queries, service, transport
from kratos_auth.session.errors import NoActiveSession, bad_request
from kratos_auth.session.models import Session
from kratos_auth.text import sessions as text

IDENTITY_HEADER = "X-Kratos-Authenticated-Identity-Id"
# api.json: page_size 1..500 for listMySessions.
MY_SESSIONS = Paginator("my_sessions", queries.ORDER, max_size=500, legacy_pages=True)

View = Callable[[HttpRequest], HttpResponse]


def kratos_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a :class:`KratosError` with Kratos's body here, so these endpoints do not
    depend on ``KratosErrorMiddleware`` being installed."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except KratosError as err:
            return error_response(err, request)

    return wrapped


def _current_session(request: HttpRequest) -> Session:
    session = transport.session_from_request(request)
    if session is None:
        raise NoActiveSession()
    return session


def parse_uuid(raw: str) -> uuid.UUID:
    """A path UUID, or Kratos's 400 ``could not parse UUID``."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise bad_request(text.INVALID_UUID_MESSAGE) from None


@csrf_exempt
@kratos_view
def to_session(request: HttpRequest) -> JsonResponse:
    """``/sessions/whoami`` (any method): who is this?"""
    template = request.GET.get("tokenize_as")
    if template:
        raise BadRequest(text.TOKENIZER_TEMPLATE_NOT_FOUND_REASON.format(template=template[:100]))
    token, source = transport.credentials(request)
    answer = service.to_session(token)
    response = JsonResponse(serialize_session(answer.session))
    response[IDENTITY_HEADER] = str(answer.session.identity_id)
    if answer.extended and source == "cookie" and token:
        transport.set_session_cookie(response, answer.session, token)
    return response


def list_my_sessions(request: HttpRequest) -> JsonResponse:
    """``GET /sessions``: my other active sessions, newest first (keyset pagination)."""
    current = _current_session(request)
    service.require_aal(current, session_config.current().whoami_required_aal)
    wanted = MY_SESSIONS.parse(request.GET)
    page = MY_SESSIONS.page(queries.my_other_sessions(current), wanted)
    body = [serialize_session(s, identity=None) for s in page.items]
    url = self_url(request, "/sessions")  # on serve.public.base_url, relative without one
    return JsonResponse(body, safe=False, headers=pagination_headers(url, request.GET, page))


def disable_my_other_sessions(request: HttpRequest) -> JsonResponse:
    """``DELETE /sessions``: revoke all my sessions but this one."""
    count = service.disable_my_other_sessions(_current_session(request))
    return JsonResponse(serialize_count(count))


@csrf_exempt
@kratos_view
def sessions_collection(request: HttpRequest) -> HttpResponse:
    handlers: dict[str, View] = {"GET": list_my_sessions, "DELETE": disable_my_other_sessions}
    handler = handlers.get(request.method or "")
    return handler(request) if handler else method_not_allowed(request)


@csrf_exempt
@kratos_view
def disable_my_session(request: HttpRequest, session_id: str) -> HttpResponse:
    """``DELETE /sessions/{id}``: revoke one of my other sessions (204)."""
    if request.method != "DELETE":
        return method_not_allowed(request)
    current = _current_session(request)
    target = parse_uuid(session_id)
    if target == current.id:
        raise bad_request(text.CURRENT_SESSION_MESSAGE, text.CURRENT_SESSION_REASON)
    service.disable_my_session(current, target)
    return HttpResponse(status=204)


urlpatterns = [
    path("sessions/whoami", to_session, name="to_session"),
    path("sessions", sessions_collection, name="list_my_sessions"),
    # Leave other fixed sub-paths (e.g. /sessions/token-exchange) to their own views.
    re_path(
        r"^sessions/(?P<session_id>(?!whoami$|token-exchange$)[^/]+)$",
        disable_my_session,
        name="disable_my_session",
    ),
]
