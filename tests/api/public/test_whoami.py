"""``/sessions/whoami``: token sources, expiry, revocation, cookies, AAL, sliding sessions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kratos_auth.core import clock
from kratos_auth.session import service
from kratos_auth.session.models import Session
from tests.contracts.openapi import check_error, validate
from tests.session.factories import COOKIE, cookie_for, make_identity, make_session

pytestmark = pytest.mark.django_db

WHOAMI = "/sessions/whoami"
T0 = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)


def _ok(response, session):
    assert response.status_code == 200, response.content
    body = response.json()
    validate(body, "session")
    assert body["id"] == str(session.id)
    assert response["X-Kratos-Authenticated-Identity-Id"] == str(session.identity_id)
    return body


def response_text(client, token):
    return client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token).content.decode()


@pytest.mark.parametrize("source", ["header", "cookie", "bearer"])
def test_every_token_source_is_accepted(public_client, source):
    session, token = make_session()
    if source == "header":
        response = public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token)
    elif source == "bearer":
        response = public_client.get(WHOAMI, HTTP_AUTHORIZATION=f"Bearer {token}")
    else:
        public_client.cookies[COOKIE] = cookie_for(token)
        response = public_client.get(WHOAMI)
    _ok(response, session)


def test_body_shows_identity_without_credentials_or_admin_metadata(public_client):
    identity = make_identity(metadata_admin={"secret": "for admins only"})
    identity.credentials.create(type="password", config={"hashed_password": "$argon2id$x"})
    session, token = make_session(identity)
    body = _ok(public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token), session)
    assert body["active"] is True
    assert body["authenticator_assurance_level"] == "aal1"
    assert body["authentication_methods"][0]["method"] == "password"
    assert body["devices"][0]["ip_address"] == "203.0.113.7"
    assert body["identity"]["id"] == str(identity.id)
    assert body["identity"]["traits"] == identity.traits
    assert body["identity"]["verifiable_addresses"][0]["value"] == identity.traits["email"]
    assert "credentials" not in body["identity"]
    assert "metadata_admin" not in body["identity"]
    assert "for admins only" not in response_text(public_client, token)
    assert token not in response_text(public_client, token)


def test_header_takes_precedence_over_cookie_and_cookie_over_bearer(public_client):
    a, token_a = make_session()
    b, token_b = make_session()
    public_client.cookies[COOKIE] = cookie_for(token_a)
    _ok(public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token_b), b)
    _ok(public_client.get(WHOAMI, HTTP_AUTHORIZATION=f"Bearer {token_b}"), a)
    # A bad header token is not rescued by a good cookie (Kratos reads the header first).
    check_error(
        public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN="ory_st_nope"), 401, "session_inactive"
    )


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "head", "options"])
def test_any_method_and_no_csrf_token_needed(method):
    session, token = make_session()
    client = Client(enforce_csrf_checks=True, **{"kratos.surface": "public"})
    client.cookies[COOKIE] = cookie_for(token)
    response = getattr(client, method)(WHOAMI)
    assert response.status_code == 200
    assert response["X-Kratos-Authenticated-Identity-Id"] == str(session.identity_id)


def test_no_credentials_is_401_session_inactive(public_client):
    error = check_error(public_client.get(WHOAMI), 401, "session_inactive")
    assert error["reason"] == "No active session was found in this request."


def test_expired_session_is_401(public_client):
    _, token = make_session(now=T0)
    with clock.frozen(T0 + dt.timedelta(hours=23, minutes=59)):
        assert public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token).status_code == 200
    with clock.frozen(T0 + dt.timedelta(hours=24, seconds=1)):
        check_error(public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token), 401, "session_inactive")


def test_revoked_session_is_401(public_client):
    session, token = make_session()
    service.revoke(session)
    check_error(public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token), 401, "session_inactive")


def test_session_of_an_inactive_identity_is_401(public_client):
    session, token = make_session()
    session.identity.state = "inactive"
    session.identity.save()
    check_error(public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token), 401, "session_inactive")


@pytest.mark.parametrize(
    "mangle",
    [
        lambda v: v[:20] + ("A" if v[20] != "A" else "B") + v[21:],  # tampered
        lambda v: v[: len(v) // 2],  # truncated
        lambda v: v + "%%%",  # not base64
        lambda v: "",  # empty
        lambda v: "x" * 9000,  # oversized
    ],
    ids=["tampered", "truncated", "garbage", "empty", "oversized"],
)
def test_bad_cookie_is_just_no_session(public_client, mangle):
    _, token = make_session()
    public_client.cookies[COOKIE] = mangle(cookie_for(token))
    check_error(public_client.get(WHOAMI), 401, "session_inactive")


def test_cookie_sealed_with_a_foreign_secret_is_no_session(public_client):
    _, token = make_session()
    public_client.cookies[COOKIE] = cookie_for(token, ["some-other-installation-secret"])
    check_error(public_client.get(WHOAMI), 401, "session_inactive")


def test_raw_token_in_the_cookie_is_not_accepted(public_client):
    _, token = make_session()
    public_client.cookies[COOKIE] = token
    check_error(public_client.get(WHOAMI), 401, "session_inactive")


def test_rotating_cookie_secrets_keeps_existing_cookies(public_client, settings):
    old, new = "old-cookie-secret-0123456789abcdef", "new-cookie-secret-0123456789abcdef"
    session, token = make_session()
    cookie = cookie_for(token, [old])
    kratos = settings.KRATOS
    settings.KRATOS = {**kratos, "secrets": {**kratos["secrets"], "cookie": [new, old]}}
    public_client.cookies[COOKIE] = cookie
    _ok(public_client.get(WHOAMI), session)
    settings.KRATOS = {**kratos, "secrets": {**kratos["secrets"], "cookie": [new]}}
    check_error(public_client.get(WHOAMI), 401, "session_inactive")


def test_aal2_required_for_an_identity_with_a_second_factor(public_client):
    session, token = make_session(make_identity(available_aal="aal2"))
    response = public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token)
    error = check_error(response, 403, "session_aal2_required")
    target = "https://auth.example.test/self-service/login/browser?aal=aal2"
    body = response.json()
    validate(body, "errorAuthenticatorAssuranceLevelNotSatisfied")
    assert body["redirect_browser_to"] == target
    assert error["details"]["redirect_browser_to"] == target
    service.refresh(session, ["totp"])
    body = _ok(public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token), session)
    assert body["authenticator_assurance_level"] == "aal2"


def test_required_aal_aal1_accepts_a_first_factor_session(public_client, settings):
    settings.KRATOS = {**settings.KRATOS, "session": {"whoami": {"required_aal": "aal1"}}}
    session, token = make_session(make_identity(available_aal="aal2"))
    _ok(public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token), session)


def test_tokenize_as_without_templates_is_400(public_client):
    _, token = make_session()
    response = public_client.get(WHOAMI + "?tokenize_as=jwt", HTTP_X_SESSION_TOKEN=token)
    check_error(response, 400)


class TestSlidingSessions:
    @pytest.fixture
    def sliding(self, settings):
        settings.KRATOS = {
            **settings.KRATOS,
            "session": {"lifespan": "24h", "earliest_possible_extend": "1h", "sliding": True},
        }

    def test_whoami_extends_once_inside_the_window_and_reissues_the_cookie(
        self, public_client, sliding
    ):
        session, token = make_session(now=T0)
        public_client.cookies[COOKIE] = cookie_for(token)
        with clock.frozen(T0 + dt.timedelta(hours=2)):  # 22h left: too early
            response = public_client.get(WHOAMI)
        assert COOKIE not in response.cookies
        assert Session.objects.get(pk=session.pk).expires_at == T0 + dt.timedelta(hours=24)

        late = T0 + dt.timedelta(hours=23, minutes=30)
        with clock.frozen(late):
            response = public_client.get(WHOAMI)
        assert response.json()["expires_at"].startswith("2030-01-03T11:30:00")
        assert Session.objects.get(pk=session.pk).expires_at == late + dt.timedelta(hours=24)
        cookie = response.cookies[COOKIE]
        assert int(cookie["max-age"]) == 24 * 3600
        with clock.frozen(late + dt.timedelta(hours=3)):  # past the original expiry
            assert public_client.get(WHOAMI).status_code == 200

    def test_token_clients_are_extended_without_a_cookie(self, public_client, sliding):
        session, token = make_session(now=T0)
        late = T0 + dt.timedelta(hours=23, minutes=30)
        with clock.frozen(late):
            response = public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token)
        assert COOKIE not in response.cookies
        assert Session.objects.get(pk=session.pk).expires_at == late + dt.timedelta(hours=24)

    def test_off_by_default(self, public_client, settings):
        session, token = make_session(now=T0)
        with clock.frozen(T0 + dt.timedelta(hours=23, minutes=30)):
            public_client.get(WHOAMI, HTTP_X_SESSION_TOKEN=token)
        assert Session.objects.get(pk=session.pk).expires_at == T0 + dt.timedelta(hours=24)


def test_errors_do_not_depend_on_the_error_middleware(public_client, settings):
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "kratos_auth.middleware.KratosErrorMiddleware"
    ]
    check_error(public_client.get(WHOAMI), 401, "session_inactive")
    check_error(public_client.delete("/sessions/not-a-uuid", HTTP_X_SESSION_TOKEN="x"), 401)
    check_error(public_client.get("/self-service/logout/browser"), 401, "session_inactive")
