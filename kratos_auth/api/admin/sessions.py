"""Admin session endpoints (admin surface only): ``/admin/sessions``,
``/admin/sessions/{id}``, ``/admin/sessions/{id}/extend`` and
``/admin/identities/{id}/sessions``. Plain Django views; admin authentication is applied to
the whole admin surface by its middleware."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from kratos_auth.api.exceptions import method_not_allowed
from kratos_auth.api.pagination import Paginator, pagination_headers
from kratos_auth.api.public.sessions import kratos_view, parse_uuid
from kratos_auth.api.serializers.session import ADMIN, serialize_session
from kratos_auth.session import queries, service
from kratos_auth.session.errors import SessionNotFound, bad_request
from kratos_auth.session.models import Session
from kratos_auth.text import sessions as text

# api.json: page_size 1..1000 for listSessions, 1..500 for listIdentitySessions.
ALL_SESSIONS = Paginator("sessions", queries.ORDER, max_size=1000)
IDENTITY_SESSIONS = Paginator("identity_sessions", queries.ORDER, max_size=500, legacy_pages=True)

View = Callable[..., HttpResponse]


def _active(query: QueryDict) -> bool | None:
    """Kratos's ``strconv.ParseBool`` for ``active``; absent means no filter."""
    raw = query.get("active", "")
    if raw == "":
        return None
    if raw in {"1", "t", "T", "TRUE", "true", "True"}:
        return True
    if raw in {"0", "f", "F", "FALSE", "false", "False"}:
        return False
    raise bad_request(text.BAD_ACTIVE_PARAMETER)


def _expand(query: QueryDict) -> list[str]:
    values: list[str] = []
    for value in query.getlist("expand"):
        if value not in queries.EXPANDABLE:
            raise bad_request(text.BAD_EXPAND_PARAMETER.format(value=value[:64]))
        values.append(value)
    return values


def _admin_session(session: Session, expand: list[str]) -> dict:
    identity = ADMIN if "identity" in expand else None
    return serialize_session(session, identity=identity, devices="devices" in expand)


def _dispatch(request: HttpRequest, handlers: dict[str, View], **kwargs: str) -> HttpResponse:
    handler = handlers.get(request.method or "")
    return handler(request, **kwargs) if handler else method_not_allowed(request)


def list_sessions(request: HttpRequest) -> JsonResponse:
    """``GET /admin/sessions``: all sessions, newest first (keyset pagination)."""
    active, expand = _active(request.GET), _expand(request.GET)
    wanted = ALL_SESSIONS.parse(request.GET)
    page = ALL_SESSIONS.page(queries.all_sessions(active, expand), wanted)
    body = [_admin_session(s, expand) for s in page.items]
    return JsonResponse(
        body, safe=False, headers=pagination_headers(request.path, request.GET, page)
    )


def get_session(request: HttpRequest, session_id: str) -> JsonResponse:
    """``GET /admin/sessions/{id}``."""
    expand = _expand(request.GET)
    session = queries.get_session(parse_uuid(session_id), expand)
    if session is None:
        raise SessionNotFound()
    return JsonResponse(_admin_session(session, expand))


def disable_session(request: HttpRequest, session_id: str) -> HttpResponse:
    """``DELETE /admin/sessions/{id}``: deactivate (the data stays)."""
    if not service.disable_session(parse_uuid(session_id)):
        raise SessionNotFound()
    return HttpResponse(status=204)


@csrf_exempt
@kratos_view
def extend_session(request: HttpRequest, session_id: str) -> HttpResponse:
    """``PATCH /admin/sessions/{id}/extend``: 204 (Kratos's current default)."""
    if request.method != "PATCH":
        return method_not_allowed(request)
    if not service.extend_session(parse_uuid(session_id)):
        raise SessionNotFound()
    return HttpResponse(status=204)


def list_identity_sessions(request: HttpRequest, identity_id: str) -> JsonResponse:
    """``GET /admin/identities/{id}/sessions``: with identity and devices, as Kratos."""
    target, active = parse_uuid(identity_id), _active(request.GET)
    wanted = IDENTITY_SESSIONS.parse(request.GET)
    page = IDENTITY_SESSIONS.page(queries.identity_sessions(target, active), wanted)
    body = [serialize_session(s, identity=ADMIN) for s in page.items]
    return JsonResponse(
        body, safe=False, headers=pagination_headers(request.path, request.GET, page)
    )


def delete_identity_sessions(request: HttpRequest, identity_id: str) -> HttpResponse:
    """``DELETE /admin/identities/{id}/sessions``: delete them all; 404 if there were none."""
    if not service.delete_identity_sessions(parse_uuid(identity_id)):
        raise SessionNotFound(text.IDENTITY_SESSIONS_NOT_FOUND_REASON)
    return HttpResponse(status=204)


@csrf_exempt
@kratos_view
def sessions_collection(request: HttpRequest) -> HttpResponse:
    return _dispatch(request, {"GET": list_sessions})


@csrf_exempt
@kratos_view
def session_item(request: HttpRequest, session_id: str) -> HttpResponse:
    return _dispatch(
        request, {"GET": get_session, "DELETE": disable_session}, session_id=session_id
    )


@csrf_exempt
@kratos_view
def identity_sessions(request: HttpRequest, identity_id: str) -> HttpResponse:
    handlers: dict[str, View] = {"GET": list_identity_sessions, "DELETE": delete_identity_sessions}
    return _dispatch(request, handlers, identity_id=identity_id)


urlpatterns = [
    path("admin/sessions", sessions_collection, name="list_sessions"),
    path("admin/sessions/<str:session_id>", session_item, name="get_session"),
    path("admin/sessions/<str:session_id>/extend", extend_session, name="extend_session"),
    path(
        "admin/identities/<str:identity_id>/sessions",
        identity_sessions,
        name="list_identity_sessions",
    ),
]
