"""Settings flows in a browser: redirects, anti-CSRF, the session cookie."""

from __future__ import annotations

import datetime as dt

from kratos_auth.core import clock
from kratos_auth.session import transport
from kratos_auth.session.config import current
from kratos_auth.session.models import Session
from tests.selfservice.plugin import csrf_value, make_identity, message_ids
from tests.selfservice.recovery.account import signed_in


def _login(browser, identity) -> Session:
    session, token = signed_in(identity)
    from kratos_auth.cipher import cookies

    settings = current()
    browser.cookies[settings.cookie.name] = cookies.seal(
        token, settings.cookie_secrets, transport.COOKIE_PURPOSE
    )
    return session


def _flow(browser) -> dict:
    response = browser.get("/self-service/settings/browser")
    assert response.status_code == 303
    assert response["Location"].startswith("https://app.example.test/settings?flow=")
    flow_id = response["Location"].rsplit("=", 1)[1]
    shown = browser.get(
        f"/self-service/settings/flows?id={flow_id}", HTTP_ACCEPT="application/json"
    )
    assert shown.status_code == 200, shown.content
    return shown.json()


def _post(browser, flow: dict, data: dict, **extra):
    return browser.post(f"/self-service/settings?flow={flow['id']}", data, **extra)


def test_without_a_session_the_browser_goes_to_login(browser, account):
    response = browser.get("/self-service/settings/browser")
    assert response.status_code == 303
    assert response["Location"] == "https://auth.example.test/self-service/login/browser"


def test_form_post_saves_and_returns_to_the_settings_ui(browser, account):
    identity = make_identity("alice@example.com")
    _login(browser, identity)
    flow = _flow(browser)
    data = {
        "csrf_token": csrf_value(flow),
        "method": "profile",
        "traits.email": "alice@example.com",
        "traits.name.first": "Alice",
    }
    response = _post(browser, flow, data)
    assert response.status_code == 303
    assert response["Location"] == f"https://app.example.test/settings?flow={flow['id']}"
    identity.refresh_from_db()
    assert identity.traits["name"] == {"first": "Alice"}
    shown = browser.get(
        f"/self-service/settings/flows?id={flow['id']}", HTTP_ACCEPT="application/json"
    ).json()
    assert shown["state"] == "success"


def test_missing_anti_csrf_token_is_refused(browser, account):
    identity = make_identity("alice@example.com")
    _login(browser, identity)
    flow = _flow(browser)
    response = _post(
        browser,
        flow,
        {"method": "profile", "traits.email": "alice@example.com"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["id"] == "security_csrf_violation"


def test_old_session_is_sent_to_a_refresh_login(browser, account):
    identity = make_identity("alice@example.com")
    session = _login(browser, identity)
    Session.objects.filter(pk=session.pk).update(
        authenticated_at=clock.now() - dt.timedelta(hours=1)
    )
    flow = _flow(browser)
    data = {"csrf_token": csrf_value(flow), "method": "password", "password": "X-New-Pass-77"}
    response = _post(browser, flow, data)
    assert response.status_code == 303
    location = response["Location"]
    assert location.startswith("https://auth.example.test/self-service/login/browser?refresh=true")
    # The refresh login is allowed to return to the settings UI.
    login = browser.get(location.replace("https://auth.example.test", ""))
    assert login.status_code == 303 and "login?flow=" in login["Location"]


def test_json_browser_gets_the_flow_and_a_redirect_action(browser, account):
    identity = make_identity("alice@example.com")
    _login(browser, identity)
    response = browser.get(
        "/self-service/settings/browser?return_to=https://app.example.test/done",
        HTTP_ACCEPT="application/json",
    )
    flow = response.json()
    data = {"csrf_token": csrf_value(flow), "method": "password", "password": "X-New-Pass-77"}
    done = _post(browser, flow, data, HTTP_ACCEPT="application/json")
    assert done.status_code == 200
    body = done.json()
    assert message_ids(body) == [1050001]
    assert body["continue_with"] == [
        {"action": "redirect_browser_to", "redirect_browser_to": "https://app.example.test/done"}
    ]
