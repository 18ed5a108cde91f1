"""Fixtures for the self-service flow tests (login, registration, hooks, strategies)."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client

from tests.contracts.openapi import validate

APP = "https://app.example.test"
UI = {
    "login": f"{APP}/login",
    "registration": f"{APP}/registration",
    "error": f"{APP}/error",
}


def deep_merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def flow_settings(**selfservice: Any) -> dict:
    """The ``selfservice`` tree the flow tests start from, with ``selfservice`` merged in."""
    base = {
        "default_browser_return_url": f"{APP}/",
        "allowed_return_urls": [f"{APP}/"],
        "methods": {"password": {"config": {"haveibeenpwned_enabled": False}}},
        "flows": {
            "login": {"ui_url": UI["login"]},
            "registration": {
                "ui_url": UI["registration"],
                "after": {"password": {"hooks": [{"hook": "session"}]}},
            },
            "error": {"ui_url": UI["error"]},
        },
    }
    return deep_merge(base, selfservice)


@pytest.fixture
def configure(settings) -> Callable[..., None]:
    """``configure(selfservice={...}, clients={...})``: merge into the test KRATOS setting."""
    original = copy.deepcopy(settings.KRATOS)

    def apply(**tree: Any) -> None:
        merged = deep_merge(original, {"selfservice": flow_settings()})
        settings.KRATOS = deep_merge(merged, tree)

    apply()
    return apply


class Api:
    """A JSON client on the public surface (``Accept: application/json``)."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, path: str, **extra: Any) -> Any:
        extra.setdefault("HTTP_ACCEPT", "application/json")
        return self.client.get(path, **extra)

    def post(self, path: str, body: Any, **extra: Any) -> Any:
        extra.setdefault("HTTP_ACCEPT", "application/json")
        return self.client.post(path, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def api(configure, db) -> Api:
    return Api(Client(**{"kratos.surface": "public"}))


@pytest.fixture
def browser(configure, db) -> Client:
    """A cookie-keeping client without ``Accept: application/json`` (a real browser)."""
    return Client(**{"kratos.surface": "public"}, HTTP_ACCEPT="text/html,*/*;q=0.8")


def make_identity(
    email: str, password: str | None = "Correct-Horse-9-Battery", **fields: Any
) -> Any:
    from kratos_auth import hashers
    from kratos_auth.identity import service

    configs = {}
    if password is not None:
        configs["password"] = {"hashed_password": hashers.hash_password(password)}
    traits = fields.pop("traits", None) or {"email": email}
    return service.create_identity(traits=traits, credential_configs=configs, **fields)


@pytest.fixture
def identity(configure, db) -> Any:
    return make_identity("alice@example.com")


def csrf_value(flow: dict) -> str:
    for node in flow["ui"]["nodes"]:
        if node["attributes"].get("name") == "csrf_token":
            return node["attributes"].get("value", "")
    raise AssertionError("flow has no csrf_token node")


def node(flow: dict, name: str) -> dict:
    for found in flow["ui"]["nodes"]:
        if found["attributes"].get("name") == name:
            return found
    raise AssertionError(f"flow has no node {name!r}")


def message_ids(flow: dict, name: str | None = None) -> list[int]:
    if name is None:
        return [m["id"] for m in flow["ui"].get("messages", [])]
    return [m["id"] for m in node(flow, name)["messages"]]


def checked(response: Any, schema: str, status: int = 200) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:800])
    body = response.json()
    validate(body, schema)
    return body


class Recorder(BaseHTTPRequestHandler):
    """Records requests; answers with the server's ``script`` (status, body) in order."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.calls.append(  # type: ignore[attr-defined]
            {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
        )
        script = self.server.script  # type: ignore[attr-defined]
        status, answer = script.pop(0) if len(script) > 1 else script[0]
        data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.server.done.set()  # type: ignore[attr-defined]

    do_GET = do_POST = do_PUT = do_PATCH = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[Any]:
    """A local HTTP server on 127.0.0.1: ``server.url``, ``server.calls``, ``server.script``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.calls, server.script, server.done = [], [(200, {})], threading.Event()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
