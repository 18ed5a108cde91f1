"""Login API flows (native apps): create, fetch, submit, and every refusal Kratos makes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kratos_auth.core import clock
from kratos_auth.identity import service as identity_service
from kratos_auth.identity.models import Credential
from kratos_auth.text import MessageId
from tests.contracts.openapi import check_error, validate
from tests.selfservice.plugin import checked, make_identity, message_ids, node

PASSWORD = "Correct-Horse-9-Battery"


def new_flow(api, query: str = "", **extra) -> dict:
    return checked(api.get(f"/self-service/login/api{query}", **extra), "loginFlow")


def submit(api, flow: dict, body: dict, **extra):
    return api.post(f"/self-service/login?flow={flow['id']}", body, **extra)


def login(api, identifier: str, password: str = PASSWORD, **extra):
    flow = new_flow(api)
    body = {"method": "password", "identifier": identifier, "password": password}
    return flow, submit(api, flow, body, **extra)


def test_new_api_flow_has_kratos_nodes(api):
    flow = new_flow(api)
    assert flow["type"] == "api" and flow["state"] == "choose_method"
    assert flow["refresh"] is False and flow["requested_aal"] == "aal1"
    assert flow["ui"]["action"] == f"https://auth.example.test/self-service/login?flow={flow['id']}"
    names = [(n["group"], n["attributes"]["name"]) for n in flow["ui"]["nodes"]]
    assert names == [
        ("default", "csrf_token"),
        ("default", "identifier"),
        ("password", "password"),
        ("password", "method"),
    ]
    identifier = node(flow, "identifier")
    assert identifier["attributes"]["required"] is True
    assert identifier["meta"]["label"]["id"] == 1070002  # the schema's title, "E-Mail"
    assert identifier["meta"]["label"]["text"] == "E-Mail"
    password = node(flow, "password")
    assert password["attributes"]["autocomplete"] == "current-password"
    assert password["meta"]["label"] == {
        "id": 1070001,
        "text": "Password",
        "type": "info",
        "context": {},
    }
    assert node(flow, "method")["meta"]["label"]["id"] == MessageId.INFO_SELF_SERVICE_LOGIN
    assert "value" not in node(flow, "csrf_token")["attributes"]  # no CSRF for API flows
    assert "Set-Cookie" not in str(api.get("/self-service/login/api").cookies)


def test_login_issues_a_session_and_token(api, identity):
    flow, response = login(api, "ALICE@example.com")  # identifiers match after normalisation
    body = checked(response, "successfulNativeLogin")
    assert body["session_token"].startswith("ory_st_")
    assert body["session"]["identity"]["id"] == str(identity.id)
    assert body["session"]["authentication_methods"][0]["method"] == "password"
    assert body["continue_with"] == [
        {"action": "set_ory_session_token", "ory_session_token": body["session_token"]}
    ]
    whoami = api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=body["session_token"])
    assert whoami.status_code == 200 and whoami.json()["id"] == body["session"]["id"]
    assert not response.cookies  # API flows never set cookies


def test_wrong_password_and_unknown_identifier_answer_alike(api, identity):
    _, wrong = login(api, "alice@example.com", "Not-The-Password-1")
    _, unknown = login(api, "nobody@example.com", "Not-The-Password-1")
    bodies = [checked(r, "loginFlow", 400) for r in (wrong, unknown)]
    for body in bodies:
        assert message_ids(body) == [4000006]
        assert body["ui"]["messages"][0]["text"].startswith("The provided credentials are invalid")
        assert "value" not in node(body, "password")["attributes"]
    assert node(bodies[0], "identifier")["attributes"]["value"] == "alice@example.com"
    strip = [
        {
            k: v
            for k, v in b.items()
            if k not in ("id", "ui", "expires_at", "issued_at", "created_at", "updated_at")
        }
        for b in bodies
    ]
    assert strip[0] == strip[1]


def test_unknown_identifier_still_pays_a_hash(api, identity, monkeypatch):
    from kratos_auth import hashers

    calls = []
    monkeypatch.setattr(hashers, "dummy_verify", lambda pw: calls.append("dummy"))
    login(api, "nobody@example.com")
    assert calls == ["dummy"]


def test_missing_fields_are_reported_on_their_nodes(api):
    flow = new_flow(api)
    body = checked(submit(api, flow, {"method": "password"}), "loginFlow", 400)
    assert message_ids(body, "identifier") == [4000002]
    assert message_ids(body, "password") == [4000002]
    assert node(body, "identifier")["messages"][0]["text"] == "Property identifier is missing."


def test_unknown_method_is_4010002(api):
    flow = new_flow(api)
    body = checked(submit(api, flow, {"method": "carrier-pigeon"}), "loginFlow", 400)
    assert message_ids(body) == [4010002]


def test_disabled_identity_is_told_only_with_the_right_password(api):
    make_identity("bob@example.com", state="inactive")
    _, wrong = login(api, "bob@example.com", "Not-The-Password-1")
    assert message_ids(checked(wrong, "loginFlow", 400)) == [4000006]
    _, right = login(api, "bob@example.com")
    body = checked(right, "loginFlow", 400)
    assert message_ids(body) == [MessageId.ERROR_VALIDATION_IDENTITY_DISABLED]


def test_absurdly_long_passwords_are_refused_before_hashing(api, identity, monkeypatch):
    from kratos_auth import hashers

    monkeypatch.setattr(hashers, "verify_password", lambda *a: pytest.fail("hashed"))
    monkeypatch.setattr(hashers, "dummy_verify", lambda *a: pytest.fail("hashed"))
    _, response = login(api, "alice@example.com", "x" * 2000)
    body = checked(response, "loginFlow", 400)
    assert message_ids(body, "password") == [4000033]
    flow = new_flow(api)
    huge = {"method": "password", "identifier": "alice@example.com", "password": "x" * 1_000_000}
    check_error(submit(api, flow, huge), 413)


def test_64_character_passwords_work(api):
    long_password = "Ab1-" * 16
    make_identity("carol@example.com", long_password)
    _, response = login(api, "carol@example.com", long_password)
    checked(response, "successfulNativeLogin")


def test_requests_with_origin_or_cookies_are_refused_for_api_flows(api, identity):
    flow = new_flow(api)
    body = {"method": "password", "identifier": "alice@example.com", "password": PASSWORD}
    origin = checked(submit(api, flow, body, HTTP_ORIGIN="https://evil.test"), "loginFlow", 400)
    assert message_ids(origin) == [4000001]
    assert '"Origin"' in origin["ui"]["messages"][0]["text"]
    api.client.cookies["something"] = "1"
    cookie = checked(submit(api, new_flow(api), body), "loginFlow", 400)
    assert '"Cookie"' in cookie["ui"]["messages"][0]["text"]


def test_logged_in_callers_get_session_already_available(api, identity):
    _, response = login(api, "alice@example.com")
    token = response.json()["session_token"]
    error = check_error(
        api.get("/self-service/login/api", HTTP_X_SESSION_TOKEN=token),
        400,
        "session_already_available",
    )
    assert "refresh=true" in error["reason"]
    refreshed = new_flow(api, "?refresh=true", HTTP_X_SESSION_TOKEN=token)
    assert refreshed["refresh"] is True
    assert message_ids(refreshed) == [1010003]
    hidden = node(refreshed, "identifier")["attributes"]
    assert hidden["type"] == "hidden" and hidden["value"] == "alice@example.com"
    upgrade = new_flow(api, "?aal=aal2", HTTP_X_SESSION_TOKEN=token)
    assert upgrade["requested_aal"] == "aal2" and message_ids(upgrade) == [1010004]


def test_refresh_updates_authenticated_at(api, identity):
    start = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    with clock.frozen(start):
        _, first = login(api, "alice@example.com")
    token = first.json()["session_token"]
    with clock.frozen(start + dt.timedelta(minutes=30)):
        flow = new_flow(api, "?refresh=true", HTTP_X_SESSION_TOKEN=token)
        body = {"method": "password", "identifier": "alice@example.com", "password": PASSWORD}
        done = checked(submit(api, flow, body, HTTP_X_SESSION_TOKEN=token), "successfulNativeLogin")
    assert done["session"]["id"] == first.json()["session"]["id"]
    assert done["session"]["authenticated_at"] == "2030-01-01T00:30:00Z"
    assert len(done["session"]["authentication_methods"]) == 2


def test_aal2_without_a_session_is_refused(api):
    check_error(api.get("/self-service/login/api?aal=aal2"), 401, "session_aal1_required")
    check_error(api.get("/self-service/login/api?aal=aal9"), 400)


def test_expired_flow_gives_410_with_a_fresh_flow(api, identity):
    start = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    with clock.frozen(start):
        flow = new_flow(api)
    with clock.frozen(start + dt.timedelta(hours=2)):
        response = submit(api, flow, {"method": "password", "identifier": "a", "password": "b"})
        assert response.status_code == 410
        body = response.json()
        validate(body, "selfServiceFlowExpiredError")
        assert body["error"]["id"] == "self_service_flow_expired"
        assert body["since"] == 3600 * 10**9
        fresh = checked(api.get(f"/self-service/login/flows?id={body['use_flow_id']}"), "loginFlow")
        assert message_ids(fresh) == [4010001]
        assert fresh["ui"]["messages"][0]["text"] == (
            "The login flow expired 60.00 minutes ago, please try again."
        )
        check_error(
            api.get(f"/self-service/login/flows?id={flow['id']}"), 410, "self_service_flow_expired"
        )


def test_unknown_and_malformed_flow_ids(api):
    body = {"method": "password"}
    check_error(
        api.post("/self-service/login?flow=00000000-0000-4000-8000-000000000000", body), 404
    )
    check_error(api.post("/self-service/login?flow=not-a-uuid", body), 400)
    check_error(api.post("/self-service/login", body), 400)
    check_error(api.get("/self-service/login/flows?id=00000000-0000-4000-8000-000000000000"), 404)
    check_error(api.get("/self-service/login/flows?id=nope"), 400)


def test_malformed_bodies_are_4xx(api):
    flow = new_flow(api)
    bad = api.client.post(
        f"/self-service/login?flow={flow['id']}",
        "{not json",
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    check_error(bad, 400)
    check_error(api.post(f"/self-service/login?flow={flow['id']}", ["a", "list"]), 400)
    xml = api.client.post(
        f"/self-service/login?flow={flow['id']}",
        "<a/>",
        content_type="application/xml",
        HTTP_ACCEPT="application/json",
    )
    check_error(xml, 415)


def test_a_completed_flow_cannot_be_replayed(api, identity):
    flow, first = login(api, "alice@example.com")
    checked(first, "successfulNativeLogin")
    again = submit(
        api, flow, {"method": "password", "identifier": "alice@example.com", "password": PASSWORD}
    )
    assert message_ids(checked(again, "loginFlow", 400)) == [4010007]


def test_outdated_hashes_are_upgraded_on_login(api):
    import bcrypt

    from kratos_auth import hashers

    legacy = bcrypt.hashpw(b"U*U", bcrypt.gensalt(4)).decode()  # another algorithm
    person = identity_service.create_identity(
        traits={"email": "dave@example.com"},
        credential_configs={"password": {"hashed_password": legacy}},
    )
    _, response = login(api, "dave@example.com", "U*U")
    checked(response, "successfulNativeLogin")
    stored = Credential.objects.get(identity=person, type="password").config["hashed_password"]
    assert stored.startswith("$argon2id$") and hashers.verify_password("U*U", stored)


def test_the_flow_answer_has_no_secrets(api, identity):
    flow = new_flow(api)
    raw = submit(
        api,
        flow,
        {"method": "password", "identifier": "alice@example.com", "password": "Secret-Value-123"},
    ).content.decode()
    assert "Secret-Value-123" not in raw
    assert json.loads(raw)["ui"]["messages"][0]["id"] == 4000006


def test_wrong_methods_and_unstorable_text_are_kratos_errors(api):
    check_error(api.get("/self-service/login"), 405)
    check_error(api.client.delete("/self-service/login/api", HTTP_ACCEPT="application/json"), 405)
    flow = new_flow(api)
    for identifier in ("nul\u0000byte", "lone\ud800surrogate"):
        body = {"method": "password", "identifier": identifier, "password": PASSWORD}
        check_error(submit(api, flow, body), 400)
