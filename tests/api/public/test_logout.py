"""Logout: browser flow (``/self-service/logout/browser`` + ``/self-service/logout``) and
native (``DELETE /self-service/logout/api``)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from kratos_auth.session import service
from tests.contracts.openapi import check_error, validate
from tests.session.factories import COOKIE, cookie_for, make_session

pytestmark = pytest.mark.django_db

BROWSER = "/self-service/logout/browser"
SUBMIT = "/self-service/logout"
NATIVE = "/self-service/logout/api"


@pytest.fixture
def browser(public_client):
    session, token = make_session()
    public_client.cookies[COOKIE] = cookie_for(token)
    return public_client, session, token


@pytest.fixture
def allow_return_urls(settings):
    settings.KRATOS = {
        **settings.KRATOS,
        "selfservice": {
            **settings.KRATOS["selfservice"],
            "allowed_return_urls": ["https://app.example.test/dashboard"],
            "flows": {
                "logout": {"after": {"default_browser_return_url": "https://app.example.test/bye"}}
            },
        },
    }


def test_browser_flow_gives_a_logout_url_with_a_stable_token(browser):
    client, _, token = browser
    response = client.get(BROWSER)
    assert response.status_code == 200
    body = response.json()
    validate(body, "logoutFlow")
    assert body["logout_token"].startswith("ory_lo_")
    url = urlsplit(body["logout_url"])
    assert (url.scheme, url.netloc, url.path) == ("https", "auth.example.test", SUBMIT)
    assert parse_qs(url.query)["token"] == [body["logout_token"]]
    assert client.get(BROWSER).json() == body  # same session, same token (as Kratos)
    assert token not in response.content.decode()


def test_browser_flow_needs_a_session(public_client):
    check_error(public_client.get(BROWSER), 401, "session_inactive")


def test_browser_flow_checks_return_to(browser, allow_return_urls):
    client, _, _ = browser
    body = client.get(BROWSER + "?return_to=https://app.example.test/dashboard/x").json()
    query = parse_qs(urlsplit(body["logout_url"]).query)
    assert query["return_to"] == ["https://app.example.test/dashboard/x"]
    response = client.get(BROWSER + "?return_to=https://evil.example/")
    check_error(response, 400, "self_service_flow_return_to_forbidden")


def test_following_the_logout_url_revokes_the_session_and_clears_the_cookie(
    browser, allow_return_urls
):
    client, session, token = browser
    logout_url = client.get(BROWSER).json()["logout_url"]
    response = client.get(logout_url)
    assert response.status_code == 303
    assert response["Location"] == "https://app.example.test/bye"
    cleared = response.cookies[COOKIE]
    assert cleared.value == "" and cleared["max-age"] == 0
    assert service.authenticate(token) is None
    check_error(client.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token), 401)


def test_logout_redirects_to_an_allowed_return_to_else_the_default(browser, allow_return_urls):
    client, _, token = browser
    token_qs = client.get(BROWSER).json()["logout_token"]
    response = client.get(f"{SUBMIT}?token={token_qs}&return_to=https://evil.example/")
    assert response["Location"] == "https://app.example.test/bye"

    _, other = make_session()
    client.cookies[COOKIE] = cookie_for(other)
    token_qs = client.get(BROWSER).json()["logout_token"]
    response = client.get(f"{SUBMIT}?token={token_qs}&return_to=https://app.example.test/dashboard")
    assert response.status_code == 303
    assert response["Location"] == "https://app.example.test/dashboard"


def test_default_return_url_falls_back_to_selfservice_default(browser):
    client, _, _ = browser
    response = client.get(f"{SUBMIT}?token={client.get(BROWSER).json()['logout_token']}")
    assert response["Location"] == "https://app.example.test/"


def test_json_clients_get_204(browser):
    client, _, token = browser
    logout_token = client.get(BROWSER).json()["logout_token"]
    response = client.get(f"{SUBMIT}?token={logout_token}", HTTP_ACCEPT="application/json")
    assert response.status_code == 204
    assert service.authenticate(token) is None


def test_logout_errors(browser, public_client):
    client, _, token = browser
    check_error(client.get(SUBMIT), 400)
    error = check_error(client.get(f"{SUBMIT}?token=ory_lo_wrong"), 403)
    assert "does not match" in error["reason"]
    # Another session's logout token does not log this one out.
    _, other = make_session()
    other_token = client.get(BROWSER, HTTP_X_SESSION_TOKEN=other).json()["logout_token"]
    check_error(client.get(f"{SUBMIT}?token={other_token}"), 403)
    assert service.authenticate(token) is not None
    public_client.cookies.clear()
    check_error(public_client.get(f"{SUBMIT}?token={other_token}"), 401, "session_inactive")


def _native(client, body, content_type="application/json"):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.delete(NATIVE, data=data, content_type=content_type)


def test_native_logout_revokes_the_token_and_is_idempotent(public_client):
    _, token = make_session()
    response = _native(public_client, {"session_token": token})
    assert response.status_code == 204
    assert service.authenticate(token) is None
    assert _native(public_client, {"session_token": token}).status_code == 204


def test_native_logout_unknown_token_is_403(public_client):
    error = check_error(_native(public_client, {"session_token": "ory_st_unknown"}), 403)
    assert "could not be found" in error["reason"]


@pytest.mark.parametrize(
    "body", ["not json", "[]", {}, {"session_token": 42}, {"session_token": None}, ""]
)
def test_native_logout_bad_body_is_400(public_client, body):
    check_error(_native(public_client, body), 400)


def test_native_logout_oversized_body_is_413(public_client):
    check_error(_native(public_client, {"session_token": "x" * 20_000}), 413)


def test_native_logout_only_accepts_delete(public_client):
    check_error(public_client.post(NATIVE), 405)
    check_error(public_client.post(SUBMIT), 405)
    check_error(public_client.post(BROWSER), 405)
