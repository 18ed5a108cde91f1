"""``web_hook`` against a local server: templates, auth, parse, ignore, and rollbacks."""

from __future__ import annotations

import base64
import json

import pytest

from kratos_auth.identity.models import Identity
from kratos_auth.session.models import Session
from tests.contracts.openapi import check_error
from tests.selfservice.plugin import checked, message_ids, node

PASSWORD = "Correct-Horse-9-Battery"
TEMPLATE = """function(ctx) {
  email: ctx.identity.traits.email,
  flow: ctx.flow.type,
  method: ctx.request_method,
  nonce: if std.objectHas(ctx, "transient_payload") && ctx.transient_payload != null
         then ctx.transient_payload.nonce else null,
}"""


def b64(text: str) -> str:
    return "base64://" + base64.b64encode(text.encode()).decode()


@pytest.fixture
def hooked(configure, http_server):
    """``configure_hooks(*hooks)``: put web hooks pointing at the local server on
    registration's password ``after`` list, before the session hook."""

    def apply(*hooks: dict, where: str = "registration") -> None:
        session = [{"hook": "session"}] if where == "registration" else []
        after = {"password": {"hooks": [*hooks, *session]}}
        configure(
            selfservice={"flows": {where: {"after": after}}},
            clients={"http": {"disallow_private_ip_ranges": False}},
        )

    return apply


def web_hook(url: str, **config) -> dict:
    return {"hook": "web_hook", "config": {"url": url, "method": "POST", **config}}


def register(api, email: str = "hook@example.com", **extra):
    flow = checked(api.get("/self-service/registration/api"), "registrationFlow")
    body = {"method": "password", "password": PASSWORD, "traits": {"email": email}, **extra}
    return api.post(f"/self-service/registration?flow={flow['id']}", body)


def test_post_persist_hook_gets_the_rendered_template_and_auth(api, hooked, http_server):
    hooked(
        web_hook(
            http_server.url + "/after",
            body=b64(TEMPLATE),
            headers={"X-Custom": "yes"},
            auth={
                "type": "api_key",
                "config": {"name": "X-Api-Key", "value": "k3y", "in": "header"},
            },
        )
    )
    checked(register(api, transient_payload={"nonce": "n-1"}), "successfulNativeRegistration")
    call = http_server.calls[0]
    assert call["path"] == "/after" and call["method"] == "POST"
    assert call["headers"]["X-Custom"] == "yes" and call["headers"]["X-Api-Key"] == "k3y"
    assert json.loads(call["body"]) == {
        "email": "hook@example.com",
        "flow": "api",
        "method": "POST",
        "nonce": "n-1",
    }


def test_basic_auth_and_cookie_api_keys(api, hooked, http_server):
    hooked(
        web_hook(
            http_server.url, auth={"type": "basic_auth", "config": {"user": "u", "password": "p"}}
        ),
        web_hook(
            http_server.url,
            auth={"type": "api_key", "config": {"name": "k", "value": "v", "in": "cookie"}},
        ),
    )
    checked(register(api), "successfulNativeRegistration")
    assert (
        http_server.calls[0]["headers"]["Authorization"]
        == "Basic " + base64.b64encode(b"u:p").decode()
    )
    assert http_server.calls[1]["headers"]["Cookie"] == "k=v"


def test_parse_hook_may_change_the_identity_before_it_is_stored(api, hooked, http_server):
    http_server.script = [(200, {"identity": {"metadata_public": {"plan": "free"}}})]
    hooked(web_hook(http_server.url, body=b64(TEMPLATE), response={"parse": True}))
    body = checked(register(api), "successfulNativeRegistration")
    assert body["identity"]["metadata_public"] == {"plan": "free"}


def test_parse_hook_may_refuse_with_messages_on_nodes(api, hooked, http_server):
    refusal = {
        "messages": [
            {
                "instance_ptr": "#/traits/email",
                "messages": [{"id": 123, "text": "not on the guest list", "type": "error"}],
            }
        ]
    }
    http_server.script = [(400, refusal)]
    hooked(web_hook(http_server.url, response={"parse": True}))
    shown = checked(register(api), "registrationFlow", 400)
    assert message_ids(shown, "traits.email") == [123]
    assert node(shown, "traits.email")["messages"][0]["text"] == "not on the guest list"
    assert not Identity.objects.exists()


def test_failing_post_persist_hook_leaves_no_half_registered_user(api, hooked, http_server):
    http_server.script = [(500, {"error": "boom"})]
    hooked(web_hook(http_server.url, id="crm"))
    shown = checked(register(api), "registrationFlow", 400)
    assert message_ids(shown) == [4000001]
    assert "crm" in shown["ui"]["messages"][0]["text"]
    assert not Identity.objects.exists() and not Session.objects.exists()
    http_server.script = [(200, {})]
    checked(register(api), "successfulNativeRegistration")  # retrying works


def test_unreachable_or_private_hooks_fail_the_flow(api, configure, http_server):
    configure(  # private addresses refused (our default)
        selfservice={
            "flows": {
                "registration": {"after": {"password": {"hooks": [web_hook(http_server.url)]}}}
            }
        }
    )
    shown = checked(register(api), "registrationFlow", 400)
    assert message_ids(shown) == [4000001]
    assert http_server.calls == [] and not Identity.objects.exists()


def test_ignored_hooks_fire_and_forget(api, hooked, http_server):
    http_server.script = [(500, {"error": "ignored"})]
    hooked(web_hook(http_server.url, response={"ignore": True}))
    checked(register(api), "successfulNativeRegistration")
    assert http_server.done.wait(5)
    assert len(http_server.calls) == 1


def test_login_hooks_run_after_login(api, hooked, http_server):
    from tests.selfservice.plugin import make_identity

    make_identity("login-hook@example.com", PASSWORD)
    hooked(web_hook(http_server.url + "/login", body=b64(TEMPLATE)), where="login")
    flow = checked(api.get("/self-service/login/api"), "loginFlow")
    body = {"method": "password", "identifier": "login-hook@example.com", "password": PASSWORD}
    checked(api.post(f"/self-service/login?flow={flow['id']}", body), "successfulNativeLogin")
    assert json.loads(http_server.calls[0]["body"])["email"] == "login-hook@example.com"


def test_a_refusing_before_hook_stops_the_flow(api, configure, http_server):
    refusal = {"messages": [{"instance_ptr": "#/", "messages": [{"id": 1, "text": "closed"}]}]}
    http_server.script = [(403, refusal)]
    hook = web_hook(http_server.url, response={"parse": True})
    configure(
        selfservice={"flows": {"registration": {"before": {"hooks": [hook]}}}},
        clients={"http": {"disallow_private_ip_ranges": False}},
    )
    error = check_error(api.get("/self-service/registration/api"), 400)
    assert error["reason"] == "closed"
