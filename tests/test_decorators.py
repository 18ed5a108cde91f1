"""``session_required``, ``aal2_required``, ``verified_address_required`` on plain views."""

from __future__ import annotations

import pytest

from kratos_auth.session import service
from tests.contracts.openapi import check_error
from tests.session.factories import make_identity, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["with_middleware", "without_middleware"])
def site(request, host_site, settings):
    if request.param == "without_middleware":
        settings.MIDDLEWARE = [
            m for m in settings.MIDDLEWARE if m != "kratos_auth.middleware.KratosSessionMiddleware"
        ]
    return host_site


def test_session_required(site):
    check_error(site.get("/host/session"), 401, "session_inactive")
    session, token = make_session()
    response = site.get("/host/session", HTTP_X_SESSION_TOKEN=token)
    assert response.json() == {"session": str(session.id)}
    service.revoke(session)
    check_error(site.get("/host/session", HTTP_X_SESSION_TOKEN=token), 401, "session_inactive")


def test_session_required_follows_the_whoami_aal(site):
    _, token = make_session(make_identity(available_aal="aal2"))
    response = site.get("/host/session", HTTP_X_SESSION_TOKEN=token)
    check_error(response, 403, "session_aal2_required")
    assert response.json()["redirect_browser_to"].endswith("/self-service/login/browser?aal=aal2")


def test_aal2_required(site):
    check_error(site.get("/host/aal2"), 401, "session_inactive")
    session, token = make_session()  # an aal1 identity: whoami would accept it, aal2 does not
    check_error(site.get("/host/aal2", HTTP_X_SESSION_TOKEN=token), 403, "session_aal2_required")
    service.refresh(session, ["totp"])
    assert site.get("/host/aal2", HTTP_X_SESSION_TOKEN=token).status_code == 200


def test_verified_address_required(site):
    check_error(site.get("/host/verified"), 401, "session_inactive")
    _, token = make_session(make_identity(verified=False))
    error = check_error(
        site.get("/host/verified", HTTP_X_SESSION_TOKEN=token),
        403,
        "session_verified_address_required",
    )
    assert "not verified" in error["reason"]
    _, token = make_session(make_identity(verified=True))
    assert site.get("/host/verified", HTTP_X_SESSION_TOKEN=token).status_code == 200
