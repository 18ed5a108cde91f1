"""KratosSessionMiddleware: lazy session, ``request.user`` for Kratos identities, and
coexistence with django.contrib.auth."""

from __future__ import annotations

import asyncio

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from kratos_auth.middleware import KratosSessionMiddleware, get_session
from kratos_auth.session import service
from kratos_auth.session.user import KratosUser
from tests.session.factories import COOKIE, cookie_for, make_identity, make_session

pytestmark = pytest.mark.django_db


def test_signed_in_identity_is_request_user(host_site):
    session, token = make_session(make_identity(email="ada@example.com"))
    body = host_site.get("/host/plain", HTTP_X_SESSION_TOKEN=token).json()
    assert body == {
        "authenticated": True,
        "user": "ada@example.com",
        "session": str(session.id),
        "identity": str(session.identity_id),
    }


def test_anonymous_without_session(host_site):
    body = host_site.get("/host/plain").json()
    assert body == {
        "authenticated": False,
        "user": "AnonymousUser",
        "session": None,
        "identity": None,
    }


def test_nothing_is_queried_unless_read(host_site, django_assert_num_queries):
    _, token = make_session()
    host_site.cookies[COOKIE] = cookie_for(token)
    with django_assert_num_queries(0):
        assert host_site.get("/host/untouched").status_code == 200
    with django_assert_num_queries(1):  # one SELECT: session joined with its identity
        assert host_site.get("/host/plain").json()["authenticated"] is True


def test_login_required_and_templates_work(host_site):
    _, token = make_session(make_identity(email="grace@example.com"))
    response = host_site.get("/host/members")
    assert response.status_code == 302 and response["Location"].startswith("/login")
    host_site.cookies[COOKIE] = cookie_for(token)
    response = host_site.get("/host/members")
    assert response.status_code == 200
    assert host_site.get("/host/template").content == b"hello grace@example.com"
    host_site.cookies.clear()
    assert host_site.get("/host/template").content == b"anonymous"


def test_kratos_identities_hold_no_django_permissions(host_site):
    _, token = make_session()
    assert host_site.get("/host/staff", HTTP_X_SESSION_TOKEN=token).status_code == 403


def test_revoked_or_expired_sessions_are_anonymous(host_site):
    session, token = make_session()
    service.revoke(session)
    assert host_site.get("/host/plain", HTTP_X_SESSION_TOKEN=token).json()["authenticated"] is False


def test_aal1_session_of_an_aal2_identity_is_not_request_user(host_site):
    """``request.user`` follows whoami's ``session.whoami.required_aal``; the session itself
    is still visible to code that wants to send the user to the second factor."""
    session, token = make_session(make_identity(available_aal="aal2"))
    body = host_site.get("/host/plain", HTTP_X_SESSION_TOKEN=token).json()
    assert body["authenticated"] is False
    assert body["session"] == str(session.id)


def test_a_django_user_keeps_precedence(host_site):
    staff = User.objects.create_user("staff", password="pw-for-tests", is_staff=True)
    host_site.force_login(staff)
    _, token = make_session()
    body = host_site.get("/host/plain", HTTP_X_SESSION_TOKEN=token).json()
    assert body["user"] == "staff"


def test_works_without_django_auth_middleware(settings, host_site):
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if m != "django.contrib.auth.middleware.AuthenticationMiddleware"
    ]
    _, token = make_session()
    assert host_site.get("/host/plain", HTTP_X_SESSION_TOKEN=token).json()["authenticated"]
    assert host_site.get("/host/plain").json()["authenticated"] is False


def test_get_session_and_auser_on_a_bare_request():
    session, token = make_session()
    request = RequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {token}")
    seen = {}

    def view(req):
        seen["session"] = get_session(req)
        seen["user"] = asyncio.run(req.auser())
        return None

    KratosSessionMiddleware(view)(request)
    assert seen["session"].pk == session.pk
    assert isinstance(seen["user"], KratosUser)
    assert seen["user"].pk == session.identity_id
    assert not seen["user"].has_perm("anything") and not seen["user"].is_staff
