"""Delivery over HTTP: ``courier.delivery_strategy: http`` for email, ``courier.channels``
(``id: sms``, ``type: http``) for SMS, each with Kratos's ``request_config``:

``url``, ``method`` (default ``POST``), ``headers``, ``body`` (a Jsonnet template URI, called
as ``function(ctx)``; Kratos's default template when unset) and ``auth`` (``api_key`` in a
header or cookie, or ``basic_auth``). ``ctx`` holds ``recipient``, ``template_type``,
``template_data``, ``subject`` and ``body``, as in Kratos. Any status >= 300 is a failure.

Calls time out, follow no redirects and refuse private and loopback addresses while
``clients.http.disallow_private_ip_ranges`` is on (URLs listed in
``clients.http.private_ip_exception_urls`` are exempt).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import _jsonnet
import requests

from kratos_auth.conf import config
from kratos_auth.conf.schema import config_schema
from kratos_auth.core import http as guard
from kratos_auth.courier.channels.base import DeliveryError
from kratos_auth.schema.loader import SchemaLoadError, read_url

JSON = Any
TIMEOUT = (5.0, 30.0)
_BODY_METHODS = {"POST", "PUT", "PATCH"}


def _private_allowed(url: str) -> bool:
    http = config.clients.http
    if not http.disallow_private_ip_ranges:
        return True
    return guard.is_exempt(url, http.private_ip_exception_urls or ())


def _check_host(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DeliveryError("request_config.url is not an http(s) URL")
    if _private_allowed(url):
        return
    try:
        guard.check_host(parts.hostname, guard.default_port(parts.scheme, parts.port))
    except guard.HostUnresolvable as err:
        raise DeliveryError("cannot resolve the delivery host") from err
    except guard.PrivateAddress as err:
        raise DeliveryError("the delivery host resolves to a private address") from err


def default_body() -> str:
    """Kratos's default body template (``httpRequestConfig.body`` in its config schema)."""
    return str(config_schema()["definitions"]["httpRequestConfig"]["properties"]["body"]["default"])


def render_body(uri: str, ctx: JSON) -> bytes:
    """Evaluate the Jsonnet template at ``uri`` as ``function(ctx)``."""
    try:
        source = read_url(uri, allow_private=_private_allowed(uri)).decode("utf-8")
        out = _jsonnet.evaluate_snippet("body.jsonnet", source, tla_codes={"ctx": json.dumps(ctx)})
    except (SchemaLoadError, UnicodeDecodeError, RuntimeError) as err:
        raise DeliveryError("the request body template failed") from err
    return out.encode("utf-8")


def _auth(request_config: Any, headers: dict[str, str]) -> tuple[Any, dict[str, str]]:
    auth = request_config.get("auth") if request_config is not None else None
    if not auth:
        return None, {}
    kind, settings = auth.get("type"), auth.get("config") or {}
    if kind == "basic_auth":
        return (str(settings.get("user") or ""), str(settings.get("password") or "")), {}
    if kind == "api_key":
        name, value = str(settings.get("name") or ""), str(settings.get("value") or "")
        if settings.get("in") == "cookie":
            return None, {name: value}
        headers[name] = value
    return None, {}


def send_request(request_config: Any, ctx: JSON) -> None:
    """Make the delivery call described by ``request_config``; raises :class:`DeliveryError`."""
    url = str(request_config.get("url") or "")
    _check_host(url)
    method = str(request_config.get("method") or "POST").upper()
    headers = {str(k): str(v) for k, v in dict(request_config.get("headers") or {}).items()}
    body = None
    if method in _BODY_METHODS:
        body = render_body(str(request_config.get("body") or default_body()), ctx)
        headers.setdefault("Content-Type", "application/json")
    auth, cookies = _auth(request_config, headers)
    try:
        response = requests.request(
            method,
            url,
            data=body,
            headers=headers,
            auth=auth,
            cookies=cookies,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as err:
        raise DeliveryError(f"{type(err).__name__}") from err
    with response:
        if response.status_code >= 300:
            raise DeliveryError(f"HTTP {response.status_code}")


def context_of(message: Any) -> JSON:
    """Kratos's ``ctx`` for a message."""
    return {
        "recipient": message.recipient,
        "template_type": message.template_type,
        "template_data": message.template_data,
        "subject": message.subject,
        "body": message.body,
    }


class HttpChannel:
    """Email through an HTTP API (``courier.http.request_config``)."""

    id = "http"

    def __init__(self, request_config: Any = None) -> None:
        self._request_config = request_config

    def send(self, message: Any) -> None:
        request_config = self._request_config or config.courier.http.request_config
        send_request(request_config, context_of(message))

    def close(self) -> None:
        return None


class SmsHttpChannel(HttpChannel):
    """SMS through the HTTP channel configured in ``courier.channels`` with ``id: sms``."""

    id = "sms"

    def send(self, message: Any) -> None:
        request_config = self._request_config
        if request_config is None:
            for channel in config.courier.channels or ():
                if channel.get("id") == "sms":
                    request_config = channel.get("request_config")
        if request_config is None:
            raise DeliveryError("no courier channel with id sms is configured")
        send_request(request_config, context_of(message))
