"""Admin session endpoints (admin surface only): ``/admin/sessions``,
``/admin/sessions/{id}``, ``/admin/sessions/{id}/extend`` and
``/admin/identities/{id}/sessions``. Plain Django views; :func:`~.base.admin_view` gives them
the admin API's key/allowlist check and audit entry (done once, by the middleware when it is
installed)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from kratos_auth.api.admin.base import admin_view, self_url
from kratos_auth.api.admin.params import SINGLE_BODY_LIMIT
from kratos_auth.api.admin.trail import note_details, note_target
from kratos_auth.api.exceptions import method_not_allowed
from kratos_auth.api.pagination import Paginator, pagination_headers
from kratos_auth.api.public.sessions import kratos_view, parse_uuid
from kratos_auth.api.serializers.session import ADMIN, serialize_session
from kratos_auth.audit.service import TARGET_IDENTITY, TARGET_SESSION
from kratos_auth.errors import BadRequest, PayloadTooLarge
from kratos_auth.session import queries, service
from kratos_auth.session.errors import SessionNotFound, bad_request
from kratos_auth.session.models import Session
from kratos_auth.session.service import MANAGE_MAX_IDS, ManageAction
from kratos_auth.text import admin as admin_text
from kratos_auth.text import sessions as text

# api.json: page_size 1..1000 for listSessions, 1..500 for listIdentitySessions.
ALL_SESSIONS = Paginator("sessions", queries.ORDER, max_size=1000)
IDENTITY_SESSIONS = Paginator("identity_sessions", queries.ORDER, max_size=500, legacy_pages=True)

View = Callable[..., HttpResponse]
JSON = Any
WILDCARD = "*"


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
    url = self_url(request, "/admin/sessions")
    return JsonResponse(body, safe=False, headers=pagination_headers(url, request.GET, page))


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
@admin_view
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
    url = self_url(request, f"/admin/identities/{target}/sessions")
    return JsonResponse(body, safe=False, headers=pagination_headers(url, request.GET, page))


def delete_identity_sessions(request: HttpRequest, identity_id: str) -> HttpResponse:
    """``DELETE /admin/identities/{id}/sessions``: delete them all; 404 if there were none."""
    if not service.delete_identity_sessions(parse_uuid(identity_id)):
        raise SessionNotFound(text.IDENTITY_SESSIONS_NOT_FOUND_REASON)
    return HttpResponse(status=204)


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _read_json(request: HttpRequest) -> JSON:
    """The body as JSON whatever its content type (Kratos decodes it as is); 413 when huge,
    Kratos's 400 "Invalid JSON body." when it is not JSON."""
    raw = request.read(SINGLE_BODY_LIMIT + 1)
    if len(raw) > SINGLE_BODY_LIMIT:
        raise PayloadTooLarge(admin_text.BODY_TOO_LARGE.format(limit=SINGLE_BODY_LIMIT))
    try:
        return json.loads(raw, parse_constant=_not_json)  # NaN, Infinity: not JSON
    except (ValueError, RecursionError):
        raise BadRequest(text.MANAGE_INVALID_JSON_REASON) from None


def _strings(body: dict[str, JSON], field: str) -> list[str]:
    # As with Kratos's decoder, a value of the wrong type makes the body invalid JSON.
    value = body.get(field)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadRequest(text.MANAGE_INVALID_JSON_REASON)
    return value


def _uuids(field: str, values: list[str]) -> list[uuid.UUID]:
    if len(values) > MANAGE_MAX_IDS:
        raise BadRequest(text.MANAGE_TOO_MANY_IDS_REASON.format(limit=MANAGE_MAX_IDS))
    parsed = []
    for value in values:
        try:
            parsed.append(uuid.UUID(value))
        except ValueError:
            reason = text.MANAGE_BAD_UUID_REASON.format(field=field, value=value[:64])
            raise BadRequest(reason) from None
    return parsed


def _manage_body(request: HttpRequest) -> tuple[ManageAction, str, list[uuid.UUID] | None]:
    """api.json ``manageSessionsBody`` as (action, ``identities`` or ``sessions``, ids);
    the ids are ``None`` for ``identities: ["*"]``. Checked in Kratos's order."""
    body = _read_json(request)
    body = {} if body is None else body  # Go decodes ``null`` into an empty body
    if not isinstance(body, dict) or not isinstance(body.get("action", ""), str | None):
        raise BadRequest(text.MANAGE_INVALID_JSON_REASON)
    identities, sessions = _strings(body, "identities"), _strings(body, "sessions")
    if body.get("action") not in set(ManageAction):
        raise BadRequest(text.MANAGE_BAD_ACTION_REASON)
    if bool(identities) == bool(sessions):
        raise BadRequest(text.MANAGE_ONE_SCOPE_REASON)
    action = ManageAction(body["action"])
    if WILDCARD in sessions:
        raise BadRequest(text.MANAGE_WILDCARD_IN_SESSIONS_REASON)
    if identities == [WILDCARD]:
        return action, "identities", None
    if WILDCARD in identities:
        raise BadRequest(text.MANAGE_WILDCARD_MIXED_REASON)
    field = "identities" if identities else "sessions"
    return action, field, _uuids(field, identities or sessions)


def manage_sessions(request: HttpRequest) -> JsonResponse:
    """``POST /admin/sessions``: disable or delete sessions in bulk (``{processed, more}``)."""
    action, field, ids = _manage_body(request)
    if ids is None:
        note_target(request, TARGET_SESSION, WILDCARD)
        done = service.manage_sessions(action, everything=True)
    else:
        by_identity = field == "identities"
        for target_id in dict.fromkeys(ids):
            note_target(request, TARGET_IDENTITY if by_identity else TARGET_SESSION, target_id)
        done = service.manage_sessions(
            action,
            identity_ids=ids if by_identity else (),
            session_ids=() if by_identity else ids,
        )
    note_details(request, action=str(action), processed=done.processed, more=done.more)
    return JsonResponse({"processed": done.processed, "more": done.more})


@csrf_exempt
@admin_view
@kratos_view
def sessions_collection(request: HttpRequest) -> HttpResponse:
    return _dispatch(request, {"GET": list_sessions, "POST": manage_sessions})


@csrf_exempt
@admin_view
@kratos_view
def session_item(request: HttpRequest, session_id: str) -> HttpResponse:
    return _dispatch(
        request, {"GET": get_session, "DELETE": disable_session}, session_id=session_id
    )


@csrf_exempt
@admin_view
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
