"""The decorators and DRF permissions honour aal2 reached with a real second factor."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.contracts.openapi import check_error
from tests.mfa import flows
from tests.selfservice.plugin import Api, checked


@pytest.fixture
def site(settings, configure):
    configure(selfservice={"methods": flows.mfa_methods()})
    settings.ROOT_URLCONF = "tests.mfa.urls"
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "kratos_auth.middleware.KratosSessionMiddleware",
    )
    settings.MIDDLEWARE = middleware
    return Api(Client(**{"kratos.surface": "public"}))


@pytest.mark.parametrize(
    "path", ["/host/aal2", "/host/drf/aal2", "/host/session", "/host/drf/session"]
)
def test_aal1_session_of_a_totp_identity_is_refused_until_the_second_factor(site, identity, path):
    key = flows.add_totp(identity)
    token = flows.password_login(site)["session_token"]
    check_error(site.get(path, HTTP_X_SESSION_TOKEN=token), 403, "session_aal2_required")
    flow = flows.aal2_flow(site, token)
    body = {"method": "totp", "totp_code": flows.current_code(key)}
    checked(flows.submit(site, flow, body, HTTP_X_SESSION_TOKEN=token), "successfulNativeLogin")
    assert site.get(path, HTTP_X_SESSION_TOKEN=token).status_code == 200


def test_aal2_views_refuse_an_identity_without_second_factor(site, identity):
    token = flows.password_login(site)["session_token"]
    assert site.get("/host/session", HTTP_X_SESSION_TOKEN=token).status_code == 200
    check_error(
        site.get("/host/drf/aal2", HTTP_X_SESSION_TOKEN=token), 403, "session_aal2_required"
    )
