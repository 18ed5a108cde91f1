"""The flow engine's shared steps: create, load, expire, CSRF, URLs and ``return_to``.

Every self-service flow (login, registration, settings, recovery, verification) calls these
with its own model class; nothing here knows a particular flow or method.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urljoin

from kratos_auth.conf import config
from kratos_auth.core import clock
from kratos_auth.selfservice.flow import csrf, returnto
from kratos_auth.selfservice.flow.context import FlowContext
from kratos_auth.selfservice.flow.errors import (
    CsrfViolation,
    FlowExpired,
    FlowGone,
    FlowIdInvalid,
    FlowNotFound,
    FlowValidation,
    ReturnToForbidden,
)
from kratos_auth.selfservice.flow.models import Flow, FlowState, FlowType
from kratos_auth.selfservice.flow.outcomes import ShowFlow
from kratos_auth.selfservice.flow.ui import Container
from kratos_auth.text import MessageId, ui_text
from kratos_auth.text import flows as flow_text

F = TypeVar("F", bound=Flow)
JSON = Any


def public_base_url() -> str:
    base = str(config.serve.public.base_url or "http://127.0.0.1:4433/")
    return base if base.endswith("/") else base + "/"


def public_url(path: str) -> str:
    """An absolute URL on the public surface (``serve.public.base_url`` + ``path``)."""
    return urljoin(public_base_url(), path.lstrip("/"))


def flow_config(flow_name: str) -> Any:
    return config.selfservice.flows[flow_name]


BUILTIN_UI = "ui/"  # kratos_auth.ui's pages, mounted on the public surface


def ui_url(flow_name: str) -> str:
    """``selfservice.flows.<flow>.ui_url`` (``error`` too), resolved on the public base URL.

    Unset, it is the built-in page ``<serve.public.base_url>ui/<flow>`` (``kratos_auth.ui``)
    rather than Kratos's schema default (a fallback page on ory.com); ``ui_url("welcome")``
    is the built-in landing page, our default ``selfservice.default_browser_return_url``.
    """
    section = flow_config(flow_name) if flow_name in config.selfservice.flows else None
    configured = section.raw().get("ui_url") if section is not None else None
    return urljoin(public_base_url(), str(configured or f"{BUILTIN_UI}{flow_name}"))


def error_ui_url() -> str:
    return ui_url("error")


def default_return_url(flow_name: str | None = None, method: str | None = None) -> str:
    """Kratos's default browser return URL: per method, per flow, global, public base."""
    if flow_name:
        after = getattr(flow_config(flow_name), "after", None)
        if after is not None:
            if method and method in after.keys():
                found = after[method].get("default_browser_return_url")
                if found:
                    return urljoin(public_base_url(), str(found))
            found = after.get("default_browser_return_url")
            if found:
                return urljoin(public_base_url(), str(found))
    found = config.selfservice.default_browser_return_url
    return urljoin(public_base_url(), str(found)) if found else ui_url("welcome")


def allowlist() -> list[str]:
    """``selfservice.allowed_return_urls`` plus the public base URL (self-service URLs)."""
    return [public_base_url(), *(str(u) for u in (config.selfservice.allowed_return_urls or ()))]


def check_return_to(value: str | None) -> str:
    """The resolved URL for ``value`` (``""`` when unset); raises :class:`ReturnToForbidden`."""
    if not value:
        return ""
    try:
        return returnto.resolve(value, default_return_url(), allowlist())
    except returnto.ReturnToNotAllowed as err:
        raise ReturnToForbidden(value) from err


def return_to_for(flow: Flow, method: str | None = None) -> str:
    """Where a browser goes after ``flow`` completes: its ``return_to`` or the default."""
    if flow.return_to:
        try:
            return returnto.resolve(flow.return_to, default_return_url(), allowlist())
        except returnto.ReturnToNotAllowed:
            pass  # the allowlist changed since the flow began: fall back to the default
    return default_return_url(flow.flow_name, method)


def new_flow(model: type[F], flow_type: str, ctx: FlowContext, lifespan: dt.timedelta) -> F:
    """An unsaved flow of ``model`` with its form action, CSRF node and expiry set."""
    return_to = ctx.query.get("return_to") or ""
    check_return_to(return_to)
    now = clock.now()
    flow = model(
        id=uuid.uuid4(),
        type=flow_type,
        request_url=ctx.request_url,
        return_to=return_to,
        issued_at=now,
        expires_at=now + lifespan,
        created_at=now,
        updated_at=now,
    )
    action = flow.append_to(public_url(f"self-service/{model.flow_name}"))
    container = Container.new(action)
    flow.ui = container.data
    if flow.type == FlowType.BROWSER:
        token = ctx.ensure_csrf()
        flow.csrf_token_hash = csrf.token_hash(token.raw)
    set_csrf_node(flow, ctx)
    return flow


def set_csrf_node(flow: Flow, ctx: FlowContext) -> None:
    """A freshly masked token for browser flows; an empty one for API flows (as Kratos)."""
    container = Container(flow.ui)
    if flow.type == FlowType.BROWSER and ctx.csrf is not None:
        container.set_csrf(csrf.mask(ctx.csrf.raw))
    else:
        container.set_csrf("")


def parse_flow_id(raw: str | None) -> uuid.UUID:
    if not raw or len(raw) > 64:
        raise FlowIdInvalid(flow_text.FLOW_ID_MISSING_REASON)
    try:
        return uuid.UUID(raw)
    except ValueError as err:
        raise FlowIdInvalid() from err


def load(model: type[F], raw_id: str | None) -> F:
    """The flow with that ID; :class:`FlowIdInvalid` (400) or :class:`FlowNotFound` (404)."""
    flow_id = parse_flow_id(raw_id)
    flow = model.objects.filter(id=flow_id).first()
    if flow is None:
        raise FlowNotFound()
    return flow


def check_browser_owner(flow: Flow, ctx: FlowContext) -> None:
    """Browser flows may only be read by the browser that started them (Kratos #1282)."""
    if flow.type != FlowType.BROWSER:
        return
    raw = ctx.csrf.raw if ctx.csrf is not None else None
    if not csrf.belongs_to(raw, flow.csrf_token_hash):
        raise CsrfViolation()


def check_readable(flow: Flow, ctx: FlowContext, gone_reason: str) -> None:
    """``get…Flow``'s checks: 403 for another browser's flow, :class:`FlowGone` (410) with
    ``gone_reason`` once expired; a browser flow gets a freshly masked CSRF node."""
    check_browser_owner(flow, ctx)
    if flow.is_expired_at(clock.now()):
        raise FlowGone(gone_reason)
    if flow.type == FlowType.BROWSER and ctx.csrf is not None:
        set_csrf_node(flow, ctx)


def check_open(flow: Flow, retry_success: MessageId) -> None:
    """Before a strategy runs: :class:`FlowExpired` once expired; the ``retry_success``
    message once the flow already succeeded."""
    now = clock.now()
    if flow.is_expired_at(now):
        raise FlowExpired(flow.expires_at, now)
    if flow.state == FlowState.PASSED_CHALLENGE:
        raise FlowValidation.on(None, retry_success)


def carry_over(flow: Flow, fresh: F, message: JSON) -> F:
    """``fresh`` replaces ``flow``: same request URL and ``return_to``, showing ``message``."""
    fresh.request_url, fresh.return_to = flow.request_url, flow.return_to
    Container(fresh.ui).messages.append(message)
    save(fresh)
    return fresh


def replacement(
    flow: Flow, build: Callable[[], F], expired_id: MessageId
) -> Callable[[FlowExpired], F]:
    """The flow error handler's ``replace``: a new flow from ``build`` that says the old
    one expired (message ``expired_id``)."""

    def replace(error: FlowExpired) -> F:
        fresh = build()
        message = flow_text.flow_expired(expired_id, error.expired_at, clock.now())
        return carry_over(flow, fresh, message)

    return replace


def mark_sent(flow: Flow, message_id: MessageId, sort: Callable[[Any], None]) -> None:
    """A code or link was (or seemed to be) sent: state ``sent_email``, only ``message_id``."""
    flow.state = FlowState.SENT_EMAIL
    container = Container(flow.ui)
    container.reset_messages()
    container.messages.append(ui_text(message_id))
    sort(flow)
    save(flow)


def show_again(flow: Flow, message_id: MessageId, clear: str) -> ShowFlow:
    """The flow again, with the value of ``clear`` emptied and only ``message_id`` shown."""
    container = Container(flow.ui)
    container.reset_messages()
    container.reset_value(clear)
    container.messages.append(ui_text(message_id))
    save(flow)
    return ShowFlow(flow, status=200, ui_url=ui_url(flow.flow_name))


def check_submission(flow: Flow, ctx: FlowContext, sent_token: str | None) -> None:
    """Kratos's ``EnsureCSRF``: API flows refuse browser requests, browser flows need the
    masked token of the cookie that started the flow (403 ``security_csrf_violation``)."""
    if flow.type == FlowType.API:
        if ctx.origin:
            raise FlowValidation.generic(flow_text.ORIGIN_HEADER_REASON)
        if ctx.has_cookies:
            raise FlowValidation.generic(flow_text.COOKIE_HEADER_REASON)
        return
    raw = ctx.csrf.raw if ctx.csrf is not None else None
    token = sent_token or ctx.csrf_header
    if not (csrf.matches(raw, token) and csrf.belongs_to(raw, flow.csrf_token_hash)):
        raise CsrfViolation()


def save(flow: Flow) -> None:
    flow.touch()
    flow.save()
