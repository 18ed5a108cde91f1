"""``web_hook``: call an HTTP endpoint when a flow reaches the hook (Kratos's ``WebHook``).

Config (Kratos's): ``url``, ``method`` (default ``POST``), ``headers``, ``body`` (a Jsonnet
template as ``file://``, ``base64://`` or ``http(s)://`` URI, called as ``function(ctx)``),
``auth`` (``api_key`` in a header or cookie, or ``basic_auth``) and ``response``:

* ``response.ignore`` - fire and forget: sent in the background after the flow committed;
  failures are logged only.
* ``response.parse`` (or the deprecated ``can_interrupt``) - runs before the identity is
  stored: a 2xx answer ``{"identity": {"traits"|"metadata_public"|"metadata_admin": …}}``
  changes the identity, a 4xx answer ``{"messages": [{"instance_ptr": "#/traits/email",
  "messages": [{"id": …, "text": …, "type": "error", "context": {}}]}]}`` puts the messages
  on the form and stops the flow.
* otherwise - called synchronously once the identity is stored; an error status or a
  network failure fails the flow (and rolls the registration back).

``ctx`` holds ``flow``, ``identity``, ``request_headers`` (Kratos's allow-list),
``request_method``, ``request_url``, ``request_cookies`` (without Kratos's own),
``transient_payload`` and, once issued, ``session``. Outbound calls follow
:mod:`kratos_auth.selfservice.flow.outbound` (timeouts, no private addresses).
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from kratos_auth.selfservice.flow import outbound
from kratos_auth.selfservice.flow.errors import FlowValidation
from kratos_auth.selfservice.flow.hooks import HookError, HookState
from kratos_auth.selfservice.hooks import web_hook_payload as payload

JSON = Any
logger = logging.getLogger("kratos_auth.selfservice.hooks")
TIMEOUT = (2.0, 10.0)
MAX_ANSWER_BYTES = 256 * 1024


class WebHook:
    name = "web_hook"

    def __init__(self, hook_config: JSON) -> None:
        self.config = dict(hook_config or {})
        response = self.config.get("response") or {}
        self.ignore = bool(response.get("ignore"))
        self.parse = bool(response.get("parse") or self.config.get("can_interrupt"))
        self.label = str(self.config.get("id") or "web_hook")

    def __repr__(self) -> str:  # config may hold API keys and passwords
        return f"<WebHook {self.label} {outbound.describe(str(self.config.get('url', '')))}>"

    # Where the hook may run. Parsing hooks run before the identity is stored.
    def login_before(self, state: HookState) -> None:
        self._run("login", state)

    def login_after(self, state: HookState) -> None:
        self._run("login", state)

    def registration_before(self, state: HookState) -> None:
        self._run("registration", state)

    def registration_pre_persist(self, state: HookState) -> None:
        if self.parse:
            self._run("registration", state, may_change_identity=True)

    def registration_after(self, state: HookState) -> None:
        if not self.parse:
            self._run("registration", state)

    def settings_before(self, state: HookState) -> None:
        self._run("settings", state)

    def settings_after(self, state: HookState) -> None:
        self._run("settings", state)

    def recovery_before(self, state: HookState) -> None:
        self._run("recovery", state)

    def recovery_after(self, state: HookState) -> None:
        self._run("recovery", state)

    def verification_before(self, state: HookState) -> None:
        self._run("verification", state)

    def verification_after(self, state: HookState) -> None:
        self._run("verification", state)

    def _run(self, flow_name: str, state: HookState, *, may_change_identity: bool = False) -> None:
        request = payload.build_request(self.config, payload.context(flow_name, state))
        if self.ignore:
            state.after_commit.append(lambda: _send_in_background(request, self.label))
            return
        try:
            answer = outbound.send(**request, timeout=TIMEOUT, max_bytes=MAX_ANSWER_BYTES)
        except outbound.OutboundError as err:
            raise HookError(self.label, str(err)) from err
        if answer.status >= 400:
            if self.parse:
                raise _messages(answer.body, self.label)
            raise HookError(self.label, f"answered with status {answer.status}")
        if self.parse and may_change_identity:
            payload.apply_identity(state, answer.body)


def _messages(body: bytes, label: str) -> FlowValidation:
    """The flow messages of a 4xx answer to a parsing hook (Kratos's format)."""
    try:
        data = json.loads(body or b"{}")
        found = FlowValidation()
        for entry in data.get("messages") or []:
            pointer = str(entry.get("instance_ptr") or "#/")
            node = ".".join(p for p in pointer.lstrip("#").split("/") if p) or None
            for message in entry.get("messages") or []:
                found.add(node, payload.ui_message(message))
    except (ValueError, AttributeError, TypeError) as err:
        raise HookError(label, "answered with an unparsable error body") from err
    if not found.messages:
        raise HookError(label, "answered with an error but no messages")
    return found


def _send_in_background(request: JSON, label: str) -> None:
    def send() -> None:
        try:
            answer = outbound.send(**request, timeout=TIMEOUT, max_bytes=MAX_ANSWER_BYTES)
            if answer.status >= 400:
                logger.warning("web hook %s answered with status %s", label, answer.status)
        except outbound.OutboundError as err:
            logger.warning("web hook %s failed: %s", label, err)

    threading.Thread(target=send, name=f"web_hook:{label}", daemon=True).start()
