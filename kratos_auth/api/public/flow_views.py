"""The four views every self-service flow offers, written once.

Each flow module keeps its named, decorated views (``create_native_login_flow`` …) and
passes its service function and serializer here: create a native or browser flow, get a
flow, and update it. Updates opened from an email link (``GET ?flow=…&token=…``) are
always answered as to a browser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from kratos_auth.api import flows
from kratos_auth.errors import KratosError
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.models import FlowType
from kratos_auth.selfservice.flow.outcomes import Completed, Redirect, ShowFlow
from kratos_auth.session import transport

JSON = Any
Serialize = Callable[[Any], JSON]
Create = Callable[[str, FlowContext], Any]
Get = Callable[[str | None, FlowContext], Any]
Update = Callable[[str | None, JSON, FlowContext], Any]
LinkBody = Callable[[HttpRequest], JSON]
Finish = Callable[[Completed, FlowContext, bool], HttpResponse]


def create_native(request: HttpRequest, create: Create, serialize: Serialize) -> HttpResponse:
    """``createNative…Flow``: the new API flow as JSON."""
    ctx = flows.context(request)
    try:
        flow = create(FlowType.API, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize(flow)), ctx)


def create_browser(
    request: HttpRequest, create: Create, serialize: Serialize, flow_name: str
) -> HttpResponse:
    """``createBrowser…Flow``: follow the service's redirect, or show the new flow."""
    ctx = flows.context(request)
    try:
        result = create(FlowType.BROWSER, ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=True)
    if isinstance(result, Redirect):
        return flows.finish(flows.redirect(result.url), ctx)
    shown = ShowFlow(result, 200, flow_service.ui_url(flow_name))
    return flows.finish(flows.show_flow(shown, ctx, serialize), ctx)


def get_flow(request: HttpRequest, get: Get, serialize: Serialize) -> HttpResponse:
    """``get…Flow``: the flow named by ``?id=`` as JSON."""
    ctx = flows.context(request)
    try:
        flow = get(request.GET.get("id"), ctx)
    except KratosError as err:
        return flows.error(err, request, ctx, browser=False)
    return flows.finish(JsonResponse(serialize(flow)), ctx)


def update_flow(
    request: HttpRequest,
    update: Update,
    serialize: Serialize,
    completed: Finish | None = None,
    link_body: LinkBody | None = None,
) -> HttpResponse:
    """``update…Flow``: read the body (or, for a ``GET`` email link, ``link_body``), call
    the service and answer its outcome. ``completed`` answers a :class:`Completed`."""
    ctx = flows.context(request)
    link = link_body is not None and request.method == "GET"
    try:
        if link_body is not None and link:
            body = link_body(request)
        else:
            body, ctx.form_encoded = flows.read_body(request)
        outcome = update(request.GET.get("flow"), body, ctx)
    except KratosError as err:
        browser = link or getattr(err, "flow_type", FlowType.BROWSER) == FlowType.BROWSER
        return flows.error(err, request, ctx, browser=browser)
    if isinstance(outcome, Completed) and completed is not None:
        return flows.finish(completed(outcome, ctx, link), ctx)
    if isinstance(outcome, Redirect):
        if link:
            return flows.finish(flows.redirect(outcome.url), ctx)
        return flows.finish(flows.follow(outcome, ctx, api_client=False), ctx)
    if link:
        return flows.finish(flows.redirect(outcome.flow.append_to(outcome.ui_url)), ctx)
    return flows.finish(flows.show_flow(outcome, ctx, serialize), ctx)


def signed_in(serialize_success: Callable[..., JSON]) -> Finish:
    """A :data:`Finish` for flows that may issue a session (login, registration): API
    flows get the body with the token; browsers get the cookie and JSON or a redirect."""

    def completed(done: Completed, ctx: FlowContext, link: bool) -> HttpResponse:
        if done.flow.type == FlowType.API:
            return JsonResponse(serialize_success(done, with_token=True))
        response = (
            JsonResponse(serialize_success(done, with_token=False))
            if ctx.is_json
            else flows.redirect(done.return_to)
        )
        if done.session is not None and done.session_token is not None:
            transport.set_session_cookie(response, done.session, done.session_token)
        return response

    return completed
