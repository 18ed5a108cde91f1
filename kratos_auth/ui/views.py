"""The pages: thin views that fetch a flow (or a stored error, or the session) through the
services the public API uses, and render a template.

* ``/ui/<flow>`` without ``?flow=`` starts a browser flow: a redirect to
  ``/self-service/<flow>/browser`` (``return_to``, ``aal``, ``refresh`` passed along).
* ``/ui/<flow>?flow=<id>`` renders the flow. A flow that is gone, unknown or another
  browser's starts a new one, as Kratos's reference UI does; other errors show the error
  page directly.
* ``/ui/error?id=<id>`` shows an error stored by ``/self-service/errors``.
* ``/ui/welcome`` is the default landing page: who is signed in, links to the other pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kratos_auth.api import flows as api_flows
from kratos_auth.api.serializers.flow import serialize_flow_error
from kratos_auth.api.serializers.session import serialize_session
from kratos_auth.errors import KratosError
from kratos_auth.identity.models import AAL
from kratos_auth.selfservice.flow import errorstore
from kratos_auth.selfservice.flow import service as flow_service
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.session import guards, logout, transport
from kratos_auth.text import pages as text
from kratos_auth.ui import assets, csp, nodes, sources

JSON = Any
PASSED_ON = ("return_to", "aal", "refresh")
IDENTITY_LABEL_TRAITS = ("email", "username", "phone", "name")
# 400 malformed id, 401 no session (settings), 403 another browser's or identity's flow,
# 404 unknown, 410 expired: start over, as kratos-selfservice-ui-node does.
RESTART_STATUSES = frozenset({400, 401, 403, 404, 410})


class SeeOther(HttpResponseRedirect):
    status_code = 303


def start_url(flow_name: str, query: dict[str, str]) -> str:
    """``/self-service/<flow>/browser`` on the public base URL, with the passed-on query."""
    params = {k: query[k] for k in PASSED_ON if query.get(k)}
    url = flow_service.public_url(f"self-service/{flow_name}/browser")
    return f"{url}?{urlencode(params)}" if params else url


def _links(query: dict[str, str]) -> dict[str, str]:
    kept = {k: v for k, v in query.items() if k == "return_to" and v}
    return {
        "login": start_url("login", kept),
        "registration": start_url("registration", kept),
        "recovery": start_url("recovery", kept),
        "verification": start_url("verification", kept),
        "settings": start_url("settings", {}),
        "welcome": flow_service.ui_url("welcome"),
    }


def _logout_url(request: HttpRequest) -> str:
    try:
        return logout.create_browser_logout_flow(transport.token_from_request(request)).logout_url
    except KratosError:
        return ""


def _page(
    request: HttpRequest, template: str, context: dict[str, JSON], status: int = 200
) -> HttpResponse:
    nonce = csp.new_nonce()
    context = {
        **context,
        "csp_nonce": nonce,
        "assets": assets.urls(),
        "links": context.get("links") or _links(dict(request.GET.items())),
    }
    response = render(request, f"kratos_auth/ui/{template}.html", context, status=status)
    return csp.protect(response, nonce, flow_service.public_base_url())


def _title(flow_name: str, flow: JSON) -> str:
    if flow_name == "login" and flow.get("refresh"):
        return text.PAGE_TITLES["login_refresh"]
    if flow_name == "login" and flow.get("requested_aal") == AAL.AAL2:
        return text.PAGE_TITLES["login_aal2"]
    return text.PAGE_TITLES[flow_name]


def _titled(flow_name: str, flow: JSON) -> bool:
    """Settings and second-factor logins show one titled form per method."""
    return flow_name == "settings" or flow.get("requested_aal") == AAL.AAL2


def _error_page(request: HttpRequest, error: JSON, status: int) -> HttpResponse:
    context = {"title": text.PAGE_TITLES["error"], "error": error}
    return _page(request, "error", context, status=status)


def _can_restart(err: KratosError, ctx: FlowContext) -> bool:
    # Without an anti-CSRF cookie a restart would loop (cookies blocked): show the error.
    return err.status in RESTART_STATUSES and (err.status != 403 or ctx.csrf is not None)


def _redirect_target(err: KratosError, request: HttpRequest) -> str:
    """Kratos's ``redirect_browser_to`` (a second factor or a fresh sign-in is needed),
    coming back to this page afterwards."""
    target = str(err.details.get("redirect_browser_to") or "")
    if target and "return_to=" not in target:
        here = flow_service.public_url(request.get_full_path())
        target += ("&" if "?" in target else "?") + urlencode({"return_to": here})
    return target


@require_GET
def show_flow(request: HttpRequest, flow_name: str) -> HttpResponse:
    """``/ui/<flow>``: the flow's form, or a redirect that starts one."""
    query = dict(request.GET.items())
    if not query.get("flow"):
        return SeeOther(start_url(flow_name, query))
    ctx = api_flows.context(request)
    try:
        flow = sources.fetch(flow_name, query["flow"], ctx)
    except KratosError as err:
        target = _redirect_target(err, request)
        if target:
            return api_flows.finish(SeeOther(target), ctx)
        if not _can_restart(err, ctx):
            return _error_page(request, err.to_body()["error"], err.status)
        return api_flows.finish(SeeOther(start_url(flow_name, query)), ctx)
    kept = {"return_to": flow.get("return_to") or ""}
    context = {
        "flow": flow,
        "flow_name": flow_name,
        "title": _title(flow_name, flow),
        "layout": nodes.build(flow["ui"], titled=_titled(flow_name, flow)),
        "links": _links(kept),
        "logout_url": _logout_url(request) if flow_name in ("login", "settings") else "",
    }
    return api_flows.finish(_page(request, flow_name, context), ctx)


@require_GET
def show_error(request: HttpRequest) -> HttpResponse:
    """``/ui/error?id=``: the stored error (``/self-service/errors``), or why it is missing."""
    try:
        stored = errorstore.get(request.GET.get("id"))
    except KratosError as err:
        return _error_page(request, err.to_body()["error"], err.status)
    return _error_page(request, serialize_flow_error(stored)["error"], 200)


def identity_label(identity: JSON) -> str:
    """How the welcome page names the identity: a usual identifier trait, else its id."""
    traits = identity.get("traits") if isinstance(identity.get("traits"), dict) else {}
    for key in IDENTITY_LABEL_TRAITS:
        if isinstance(traits.get(key), str) and traits[key]:
            return traits[key]
    return str(identity.get("id") or "")


@require_GET
def show_welcome(request: HttpRequest) -> HttpResponse:
    """``/ui/welcome``: the signed-in identity (or links to sign in) and the account pages."""
    session = transport.session_from_request(request)
    context: dict[str, JSON] = {"title": text.PAGE_TITLES["welcome"], "session": None}
    if session is not None:
        body = serialize_session(session, devices=False)
        context["session"] = body
        context["identity_label"] = identity_label(body["identity"])
        context["aal_name"] = text.AAL_NAMES.get(body["authenticator_assurance_level"], "")
        context["methods"] = [
            text.GROUP_TITLES.get(m["method"]) or m["method"]
            for m in body["authentication_methods"]
        ]
        context["expires_at"] = dt.datetime.fromisoformat(body["expires_at"])
        context["needs_second_factor"] = guards.whoami_session(request) is None
        context["second_factor_url"] = start_url("login", {"aal": AAL.AAL2})
        context["logout_url"] = _logout_url(request)
    return _page(request, "welcome", context)
