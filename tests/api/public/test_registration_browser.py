"""Registration in a browser: HTML forms (dotted names), the two screens, the cookie."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.contracts.openapi import check_error
from tests.selfservice.plugin import UI, checked, csrf_value, message_ids, node

PASSWORD = "Correct-Horse-9-Battery"
JSON = {"HTTP_ACCEPT": "application/json"}


def start(browser) -> dict:
    response = browser.get("/self-service/registration/browser")
    assert response.status_code == 303
    flow_id = parse_qs(urlsplit(response["Location"]).query)["flow"][0]
    return fetch(browser, flow_id)


def fetch(browser, flow_id: str) -> dict:
    return checked(
        browser.get(f"/self-service/registration/flows?id={flow_id}", **JSON), "registrationFlow"
    )


def post(browser, flow: dict, fields: dict):
    data = {"csrf_token": csrf_value(flow), **fields}
    return browser.post(
        f"/self-service/registration?flow={flow['id']}",
        _encode(data),
        content_type="application/x-www-form-urlencoded",
    )


def _encode(data: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(data)


def test_two_screens_in_a_browser(browser):
    flow = start(browser)
    step = post(browser, flow, {"method": "profile", "traits.email": "web@example.com"})
    assert step.status_code == 303 and step["Location"] == f"{UI['registration']}?flow={flow['id']}"
    second = fetch(browser, flow["id"])
    assert node(second, "traits.email")["attributes"] == {
        "name": "traits.email",
        "type": "hidden",
        "value": "web@example.com",
        "required": True,
        "autocomplete": "email",
        "disabled": False,
        "node_type": "input",
    }
    done = post(
        browser,
        second,
        {"method": "password", "traits.email": "web@example.com", "password": PASSWORD},
    )
    assert done.status_code == 303 and done["Location"] == "https://app.example.test/"
    assert "ory_kratos_session" in done.cookies
    me = checked(browser.get("/sessions/whoami", **JSON), "session")
    assert me["identity"]["traits"] == {"email": "web@example.com"}


def test_errors_keep_the_entered_values(browser):
    flow = start(browser)
    post(
        browser,
        flow,
        {"method": "profile", "traits.email": "not-an-email", "traits.name.first": "Ann"},
    )
    shown = fetch(browser, flow["id"])
    assert message_ids(shown, "traits.email") == [4000001]
    assert node(shown, "traits.email")["attributes"]["value"] == "not-an-email"
    assert node(shown, "traits.name.first")["attributes"]["value"] == "Ann"


def test_form_posts_need_the_csrf_token(browser):
    flow = start(browser)
    response = browser.post(
        f"/self-service/registration?flow={flow['id']}",
        _encode({"method": "profile", "traits.email": "x@example.com"}),
        content_type="application/x-www-form-urlencoded",
        **JSON,
    )
    check_error(response, 403, "security_csrf_violation")


def test_ajax_registration_answers_json(browser):
    flow = checked(browser.get("/self-service/registration/browser", **JSON), "registrationFlow")
    body = {
        "method": "password",
        "csrf_token": csrf_value(flow),
        "password": PASSWORD,
        "traits": {"email": "ajax@example.com"},
    }
    response = browser.post(
        f"/self-service/registration?flow={flow['id']}",
        body,
        content_type="application/json",
        **JSON,
    )
    done = checked(response, "successfulNativeRegistration")
    assert "session_token" not in done and done["session"]["active"]
    assert "ory_kratos_session" in response.cookies
