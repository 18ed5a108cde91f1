"""DRF authentication and permission classes in a host API, with Kratos's error body."""

from __future__ import annotations

import pytest

from kratos_auth.session import service
from tests.contracts.openapi import check_error, validate
from tests.session.factories import COOKIE, cookie_for, make_identity, make_session

pytestmark = pytest.mark.django_db


def test_authentication_puts_the_identity_and_session_on_the_request(host_site):
    session, token = make_session(make_identity(email="lin@example.com"))
    body = host_site.get("/host/drf/session", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body == {"user": "lin@example.com", "authenticated": True, "session": str(session.id)}


def test_open_views_stay_open_for_anonymous_and_aal1_of_aal2_identities(host_site):
    assert host_site.get("/host/drf/open").json()["authenticated"] is False
    _, token = make_session(make_identity(available_aal="aal2"))
    body = host_site.get("/host/drf/open", HTTP_X_SESSION_TOKEN=token).json()
    assert body == {"user": "AnonymousUser", "authenticated": False, "session": None}


def test_has_kratos_session_answers_401_and_403_in_kratos_body(host_site):
    response = host_site.get("/host/drf/session")
    error = check_error(response, 401, "session_inactive")
    assert error["reason"] == "No active session was found in this request."
    _, token = make_session(make_identity(available_aal="aal2"))
    response = host_site.get("/host/drf/session", HTTP_X_SESSION_TOKEN=token)
    check_error(response, 403, "session_aal2_required")
    validate(response.json(), "errorAuthenticatorAssuranceLevelNotSatisfied")
    assert response.json()["redirect_browser_to"].endswith("?aal=aal2")


def test_aal2_required(host_site):
    session, token = make_session()
    check_error(
        host_site.get("/host/drf/aal2", HTTP_X_SESSION_TOKEN=token), 403, "session_aal2_required"
    )
    service.refresh(session, ["lookup_secret"])
    assert host_site.get("/host/drf/aal2", HTTP_X_SESSION_TOKEN=token).status_code == 200


def test_verified_address_required(host_site):
    _, token = make_session(make_identity(verified=False))
    response = host_site.get("/host/drf/verified", HTTP_X_SESSION_TOKEN=token)
    check_error(response, 403, "session_verified_address_required")
    _, token = make_session(make_identity(verified=True))
    assert host_site.get("/host/drf/verified", HTTP_X_SESSION_TOKEN=token).status_code == 200


def test_cookie_sessions_and_csrf_free_token_posts(host_site):
    session, token = make_session()
    host_site.cookies[COOKIE] = cookie_for(token)
    assert host_site.get("/host/drf/session").json()["session"] == str(session.id)
    host_site.cookies.clear()
    response = host_site.post("/host/drf/session", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 200
