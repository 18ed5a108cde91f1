"""The session cookie's attributes and the device facts taken from a request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kratos_auth.core import clock
from kratos_auth.session import transport
from tests.session.factories import make_session

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)


def _cookie(session, token):
    response = HttpResponse()
    with clock.frozen(T0):
        transport.set_session_cookie(response, session, token)
    return response.cookies


def test_default_cookie_is_httponly_secure_lax_and_persistent():
    session, token = make_session(now=T0)
    cookie = _cookie(session, token)["ory_kratos_session"]
    assert cookie["httponly"] and cookie["secure"]
    assert cookie["samesite"] == "Lax" and cookie["path"] == "/" and not cookie["domain"]
    assert cookie["max-age"] == 24 * 3600
    assert token not in cookie.value  # sealed, not the token itself
    request = RequestFactory().get("/", HTTP_COOKIE=f"ory_kratos_session={cookie.value}")
    assert transport.token_from_request(request) == token


def test_cookie_settings_follow_session_cookie_then_cookies(settings):
    settings.KRATOS = {
        **settings.KRATOS,
        "cookies": {"domain": "example.test", "path": "/auth", "same_site": "Strict"},
        "session": {"cookie": {"name": "sid", "same_site": "None", "persistent": False}},
    }
    session, token = make_session(now=T0)
    cookie = _cookie(session, token)["sid"]
    assert cookie["domain"] == "example.test" and cookie["path"] == "/auth"
    assert cookie["samesite"] == "None" and cookie["secure"]
    assert cookie["max-age"] == ""  # a browser-session cookie


def test_dev_mode_drops_secure_and_explicit_setting_wins(settings):
    settings.KRATOS = {**settings.KRATOS, "dev": True}
    session, token = make_session(now=T0)
    assert not _cookie(session, token)["ory_kratos_session"]["secure"]
    settings.KRATOS = {**settings.KRATOS, "dev": True, "session": {"cookie": {"secure": "true"}}}
    assert _cookie(session, token)["ory_kratos_session"]["secure"]


def test_clearing_the_cookie_expires_it_with_the_same_scope(settings):
    settings.KRATOS = {**settings.KRATOS, "cookies": {"domain": "example.test"}}
    response = HttpResponse()
    transport.clear_session_cookie(response)
    cookie = response.cookies["ory_kratos_session"]
    assert cookie.value == "" and cookie["max-age"] == 0 and cookie["domain"] == "example.test"


def test_device_from_request_uses_remote_addr_and_cloudflare_location():
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
        HTTP_USER_AGENT="Mozilla/5.0",
        HTTP_CF_IPCITY="Berlin",
        HTTP_CF_IPCOUNTRY="DE",
    )
    device = transport.device_from_request(request)
    assert device.ip_address == "192.0.2.10"
    assert device.user_agent == "Mozilla/5.0"
    assert device.location == "Berlin, DE"
