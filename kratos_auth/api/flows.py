"""Plumbing shared by the self-service flow views: request -> :class:`FlowContext`, body
parsing, content negotiation, and outcome -> HTTP response.

Browsers (no ``Accept: application/json``) are redirected with 303: to the flow's UI
(``ui_url?flow=<id>``), to ``return_to`` on success, or to the error UI for errors that are
not about the form. API clients and JSON-accepting browsers get JSON. Bodies are
``application/json``, ``application/x-www-form-urlencoded`` or ``multipart/form-data``
(dotted keys such as ``traits.email`` become nested objects, as Kratos decodes them) and at
most :data:`MAX_BODY_BYTES`; anything larger is refused with 413 before it is read.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse

from kratos_auth import ratelimit
from kratos_auth.api.exceptions import error_response
from kratos_auth.core import storable
from kratos_auth.errors import BadRequest, KratosError, MethodNotAllowed, PayloadTooLarge
from kratos_auth.selfservice.flow import csrf, errorstore
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import HEADER_ALLOWLIST, FlowContext
from kratos_auth.selfservice.flow.errors import BrowserLocationChangeRequired
from kratos_auth.selfservice.flow.outcomes import Redirect, ShowFlow
from kratos_auth.session import config as session_config
from kratos_auth.session import transport
from kratos_auth.text import flows as flow_text

JSON = Any
MAX_BODY_BYTES = 64 * 1024
View = Callable[..., HttpResponse]
_OFFERS = ("application/json", "text/html", "text/*", "*/*")


class _Unsupported(KratosError):
    status = 415


def wants_json(request: HttpRequest) -> bool:
    """Kratos's ``IsJSONRequest``: content negotiation of ``Accept`` over
    (application/json, text/html, text/*, */*), defaulting to ``text/*``."""
    specs = []
    for part in request.META.get("HTTP_ACCEPT", "").split(","):
        value, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, raw = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(raw)
                except ValueError:
                    quality = 0.0
        if value:
            specs.append((value.strip().lower(), quality))
    best, best_q, best_wild = "text/*", -1.0, 3
    for offer in _OFFERS:
        for value, quality in specs:
            if quality == 0.0 or quality < best_q:
                continue
            if value == "*/*":
                wild = 2
            elif value.endswith("/*"):
                if not offer.startswith(value[:-1]):
                    continue
                wild = 1
            elif value == offer:
                wild = 0
            else:
                continue
            if quality > best_q or best_wild > wild:
                best, best_q, best_wild = offer, quality, wild
    return best == "application/json"


def _nest(pairs: list[tuple[str, str]]) -> JSON:
    body: dict[str, JSON] = {}
    for key, value in pairs:
        node = body
        parts = key.split(".")
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[parts[-1]] = value
    return body


def _check_text(value: JSON) -> None:
    """Refuse NUL characters, lone surrogates and absurd nesting: none can be stored."""
    problem = storable.text_problem(value, max_depth=32)
    if problem:
        raise BadRequest(flow_text.BAD_BODY_REASON.format(problem=problem))


def read_body(request: HttpRequest) -> tuple[JSON, bool]:
    """``(body, form_encoded)``; 413 when too large, 400/415 when unreadable."""
    body, form_encoded = _read_body(request)
    _check_text(body)
    return body, form_encoded


def _read_body(request: HttpRequest) -> tuple[JSON, bool]:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        raise PayloadTooLarge(flow_text.BODY_TOO_LARGE_REASON.format(limit=MAX_BODY_BYTES))
    if request.content_type == "multipart/form-data":
        # Django's parser (bounded by the length check above); uploaded files are ignored.
        return _nest([(k, v) for k, v in request.POST.items()]), True
    raw = request.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise PayloadTooLarge(flow_text.BODY_TOO_LARGE_REASON.format(limit=MAX_BODY_BYTES))
    content_type = request.content_type or ""
    if content_type == "application/x-www-form-urlencoded":
        text = raw.decode("utf-8", errors="replace")
        return _nest(parse_qsl(text, keep_blank_values=True)), True
    if content_type in ("application/json", "") or content_type.endswith("+json"):
        if not raw.strip():
            return {}, False
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as err:
            raise BadRequest(flow_text.BAD_BODY_REASON.format(problem="invalid JSON")) from err
        if not isinstance(body, dict):
            raise BadRequest(flow_text.BAD_BODY_REASON.format(problem="expected a JSON object"))
        return body, False
    raise _Unsupported(flow_text.UNSUPPORTED_MEDIA_REASON)


def allow(*methods: str) -> Callable[[View], View]:
    """Like ``require_http_methods`` but answering 405 with Kratos's error body."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = error_response(MethodNotAllowed(), request)
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def context(request: HttpRequest) -> FlowContext:
    """The :class:`FlowContext` of ``request`` (session, anti-CSRF cookie, negotiation)."""
    csrf_name = csrf.cookie_name(flow_service.public_base_url())
    own = {csrf_name, session_config.current().cookie.name}
    meta = request.META
    return FlowContext(
        request_url=request.build_absolute_uri(),
        method=request.method or "GET",
        is_json=wants_json(request),
        origin=meta.get("HTTP_ORIGIN") or None,
        has_cookies=bool(meta.get("HTTP_COOKIE", "").strip()),
        query={k: v for k, v in request.GET.items()},
        headers={h: meta[_meta_key(h)] for h in HEADER_ALLOWLIST if _meta_key(h) in meta},
        cookies={k: v for k, v in request.COOKIES.items() if k not in own},
        csrf=csrf.CsrfCookie.from_cookie(request.COOKIES.get(csrf_name)),
        csrf_header=meta.get("HTTP_X_CSRF_TOKEN") or None,
        session=transport.session_from_request(request),
        client_ip=ratelimit.client_ip(request),
        user_agent=meta.get("HTTP_USER_AGENT") or None,
    )


def _meta_key(header: str) -> str:
    if header in ("content-type", "content-length"):
        return header.upper().replace("-", "_")
    return "HTTP_" + header.upper().replace("-", "_")


def finish(response: HttpResponse, ctx: FlowContext) -> HttpResponse:
    """Set the anti-CSRF cookie when one was issued during the request."""
    if ctx.csrf is not None and ctx.csrf.fresh:
        cookie = session_config.current().cookie
        response.set_cookie(
            csrf.cookie_name(flow_service.public_base_url()),
            csrf.encode_cookie(ctx.csrf.raw),
            max_age=csrf.COOKIE_MAX_AGE,
            path=cookie.path,
            domain=cookie.domain,
            secure=cookie.secure,
            httponly=True,
            samesite=cookie.same_site if cookie.secure else "Lax",
        )
    response["Cache-Control"] = "private, no-cache, no-store, must-revalidate"
    return response


def redirect(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def show_flow(
    outcome: ShowFlow, ctx: FlowContext, serialize: Callable[[Any], JSON]
) -> HttpResponse:
    if outcome.flow.is_browser and not ctx.is_json:
        return redirect(outcome.flow.append_to(outcome.ui_url))
    return JsonResponse(serialize(outcome.flow), status=outcome.status)


def follow(outcome: Redirect, ctx: FlowContext, api_client: bool) -> HttpResponse:
    """A 303 for browsers; 422 ``browser_location_change_required`` for API/JSON clients."""
    if api_client or ctx.is_json:
        return error_response(BrowserLocationChangeRequired(outcome.url))
    return redirect(outcome.url)


def error(
    err: KratosError, request: HttpRequest, ctx: FlowContext | None, browser: bool
) -> HttpResponse:
    """Kratos's ``errorx.Forward``: browsers (not asking for JSON) go to the error UI."""
    is_json = ctx.is_json if ctx is not None else wants_json(request)
    if browser and not is_json:
        response = redirect(errorstore.forward(err).url)
    else:
        response = error_response(err, request)
    return finish(response, ctx) if ctx is not None else response
