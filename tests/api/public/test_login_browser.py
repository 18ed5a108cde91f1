"""Login browser flows: anti-CSRF cookie and token, redirects, JSON for AJAX, error UI."""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import parse_qs, urlsplit

from kratos_auth.core import clock
from tests.contracts.openapi import check_error
from tests.selfservice.plugin import UI, checked, csrf_value, message_ids, node

PASSWORD = "Correct-Horse-9-Battery"
CSRF_COOKIE = "csrf_token_" + hashlib.sha256(b"https://auth.example.test/").hexdigest()
JSON = {"HTTP_ACCEPT": "application/json"}


def start(browser, query: str = "") -> dict:
    response = browser.get(f"/self-service/login/browser{query}")
    assert response.status_code == 303, response.content
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == UI["login"]
    flow_id = parse_qs(location.query)["flow"][0]
    return checked(browser.get(f"/self-service/login/flows?id={flow_id}", **JSON), "loginFlow")


def form(flow: dict, **fields) -> dict:
    return {"csrf_token": csrf_value(flow), "method": "password", **fields}


def test_browser_flow_sets_the_anti_csrf_cookie(browser):
    flow = start(browser)
    cookie = browser.cookies[CSRF_COOKIE]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    token = csrf_value(flow)
    assert token and token != cookie.value  # the form carries a masked copy
    again = checked(browser.get(f"/self-service/login/flows?id={flow['id']}", **JSON), "loginFlow")
    assert csrf_value(again) != token  # masked anew on every render


def test_ajax_browsers_get_json(browser):
    body = checked(browser.get("/self-service/login/browser", **JSON), "loginFlow")
    assert body["type"] == "browser" and CSRF_COOKIE in browser.cookies


def test_form_post_logs_in_and_redirects(browser, identity):
    flow = start(browser, "?return_to=https://app.example.test/dashboard")
    assert flow["return_to"] == "https://app.example.test/dashboard"
    response = browser.post(
        f"/self-service/login?flow={flow['id']}",
        form(flow, identifier="alice@example.com", password=PASSWORD),
    )
    assert response.status_code == 303
    assert response["Location"] == "https://app.example.test/dashboard"
    assert "ory_kratos_session" in response.cookies
    whoami = browser.get("/sessions/whoami", **JSON)
    assert whoami.status_code == 200 and whoami.json()["identity"]["id"] == str(identity.id)


def test_json_post_answers_with_the_session_and_a_cookie(browser, identity):
    flow = start(browser)
    response = browser.post(
        f"/self-service/login?flow={flow['id']}",
        {"identifier": "alice@example.com", "password": PASSWORD, **form(flow)},
        content_type="application/json",
        **JSON,
    )
    body = checked(response, "successfulNativeLogin")
    assert "session_token" not in body  # browsers hold the cookie, never the token
    assert body["continue_with"] == [
        {"action": "redirect_browser_to", "redirect_browser_to": "https://app.example.test/"}
    ]
    assert "ory_kratos_session" in response.cookies


def test_wrong_password_redirects_back_to_the_ui_with_messages(browser, identity):
    flow = start(browser)
    response = browser.post(
        f"/self-service/login?flow={flow['id']}",
        form(flow, identifier="alice@example.com", password="nope-nope-nope"),
    )
    assert response.status_code == 303
    assert response["Location"] == f"{UI['login']}?flow={flow['id']}"
    shown = checked(browser.get(f"/self-service/login/flows?id={flow['id']}", **JSON), "loginFlow")
    assert message_ids(shown) == [4000006]
    assert node(shown, "identifier")["attributes"]["value"] == "alice@example.com"


def test_csrf_mismatch_is_403(browser, identity):
    flow = start(browser)
    body = {"identifier": "alice@example.com", "password": PASSWORD, "method": "password"}
    missing = browser.post(
        f"/self-service/login?flow={flow['id']}", body, content_type="application/json", **JSON
    )
    check_error(missing, 403, "security_csrf_violation")
    forged = dict(body, csrf_token="QUJD" * 11)
    wrong = browser.post(
        f"/self-service/login?flow={flow['id']}", forged, content_type="application/json", **JSON
    )
    check_error(wrong, 403, "security_csrf_violation")
    stolen_token = csrf_value(flow)
    browser.cookies.pop(CSRF_COOKIE)
    other = browser.post(
        f"/self-service/login?flow={flow['id']}",
        dict(body, csrf_token=stolen_token),
        content_type="application/json",
        **JSON,
    )
    check_error(other, 403, "security_csrf_violation")


def test_csrf_violation_from_a_form_goes_to_the_error_ui(browser, identity):
    flow = start(browser)
    response = browser.post(
        f"/self-service/login?flow={flow['id']}",
        {"identifier": "alice@example.com", "password": PASSWORD, "method": "password"},
    )
    assert response.status_code == 303
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == UI["error"]
    error_id = parse_qs(location.query)["id"][0]
    stored = checked(browser.get(f"/self-service/errors?id={error_id}"), "flowError")
    assert stored["error"]["id"] == "security_csrf_violation" and stored["error"]["code"] == 403
    check_error(browser.get("/self-service/errors?id=nope"), 400)
    check_error(browser.get("/self-service/errors?id=00000000-0000-4000-8000-000000000000"), 404)


def test_another_browser_cannot_read_the_flow(browser, client):
    flow = start(browser)
    foreign = client.get(
        f"/self-service/login/flows?id={flow['id']}", **{"kratos.surface": "public"}, **JSON
    )
    check_error(foreign, 403, "security_csrf_violation")


def test_return_to_must_be_allowed(browser):
    for evil in (
        "https://evil.test/",
        "//evil.test/",
        "https://app.example.test.evil.test/",
        "https://app.example.test@evil.test/",
        "https:\\\\evil.test",
        "/%2F%2Fevil.test",
    ):
        response = browser.get("/self-service/login/browser", {"return_to": evil}, **JSON)
        check_error(response, 400, "self_service_flow_return_to_forbidden")
    redirected = browser.get("/self-service/login/browser", {"return_to": "https://evil.test/"})
    assert redirected.status_code == 303 and redirected["Location"].startswith(UI["error"])


def test_logged_in_browsers_are_sent_to_the_return_url(browser, identity):
    flow = start(browser)
    browser.post(
        f"/self-service/login?flow={flow['id']}",
        form(flow, identifier="alice@example.com", password=PASSWORD),
    )
    again = browser.get("/self-service/login/browser")
    assert again.status_code == 303 and again["Location"] == "https://app.example.test/"
    check_error(
        browser.get("/self-service/login/browser", **JSON), 400, "session_already_available"
    )


def test_expired_browser_flow_redirects_to_a_fresh_one(browser, identity):
    start_time = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    with clock.frozen(start_time):
        flow = start(browser)
    with clock.frozen(start_time + dt.timedelta(hours=2)):
        response = browser.post(
            f"/self-service/login?flow={flow['id']}",
            form(flow, identifier="alice@example.com", password=PASSWORD),
        )
        assert response.status_code == 303
        fresh_id = parse_qs(urlsplit(response["Location"]).query)["flow"][0]
        assert fresh_id != flow["id"]
        fresh = checked(
            browser.get(f"/self-service/login/flows?id={fresh_id}", **JSON), "loginFlow"
        )
        assert message_ids(fresh) == [4010001]


def test_the_token_may_come_in_the_x_csrf_token_header(browser, identity):
    flow = start(browser)
    response = browser.post(
        f"/self-service/login?flow={flow['id']}",
        {"identifier": "alice@example.com", "password": PASSWORD, "method": "password"},
        content_type="application/json",
        HTTP_X_CSRF_TOKEN=csrf_value(flow),
        **JSON,
    )
    checked(response, "successfulNativeLogin")
