"""The official Ory SDK (``ory-kratos-client``) drives native and browser registration and
login against a live server, exactly as an app using Kratos would."""

from __future__ import annotations

from http.cookies import SimpleCookie

import ory_kratos_client
import pytest
from ory_kratos_client.api.frontend_api import FrontendApi
from ory_kratos_client.exceptions import ApiException
from ory_kratos_client.models import (
    UpdateLoginFlowBody,
    UpdateLoginFlowWithPasswordMethod,
    UpdateRegistrationFlowBody,
    UpdateRegistrationFlowWithPasswordMethod,
    UpdateRegistrationFlowWithProfileMethod,
)

PASSWORD = "Correct-Horse-9-Battery"


@pytest.fixture
def frontend(live_public_url, configure) -> FrontendApi:
    return FrontendApi(
        ory_kratos_client.ApiClient(ory_kratos_client.Configuration(host=live_public_url))
    )


def csrf(flow) -> str:
    for node in flow.ui.nodes:
        attributes = node.attributes.actual_instance
        if getattr(attributes, "name", None) == "csrf_token":
            return attributes.value or ""
    raise AssertionError("no csrf_token node")


def cookies_of(response, jar: dict[str, str]) -> dict[str, str]:
    for header in (
        response.headers.getlist("Set-Cookie")
        if hasattr(response.headers, "getlist")
        else [v for k, v in response.headers.items() if k.lower() == "set-cookie"]
    ):
        parsed = SimpleCookie()
        parsed.load(header)
        jar.update({name: morsel.value for name, morsel in parsed.items()})
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def password_registration(email: str, csrf_token: str | None = None) -> UpdateRegistrationFlowBody:
    return UpdateRegistrationFlowBody(
        UpdateRegistrationFlowWithPasswordMethod(
            method="password", password=PASSWORD, traits={"email": email}, csrf_token=csrf_token
        )
    )


def password_login(
    email: str, password: str = PASSWORD, csrf_token: str | None = None
) -> UpdateLoginFlowBody:
    return UpdateLoginFlowBody(
        UpdateLoginFlowWithPasswordMethod(
            method="password", identifier=email, password=password, csrf_token=csrf_token
        )
    )


def test_native_registration_then_login(frontend):
    flow = frontend.create_native_registration_flow()
    assert flow.type == "api"
    with pytest.raises(ApiException) as step:
        profile = UpdateRegistrationFlowWithProfileMethod(
            method="profile", traits={"email": "sdk@example.com"}
        )
        frontend.update_registration_flow(flow.id, UpdateRegistrationFlowBody(profile))
    assert step.value.status == 400  # the credentials screen, as Kratos answers it
    registered = frontend.update_registration_flow(
        flow.id, password_registration("sdk@example.com")
    )
    assert registered.identity.traits == {"email": "sdk@example.com"}
    assert registered.session_token and registered.session.active

    login_flow = frontend.create_native_login_flow()
    with pytest.raises(ApiException) as wrong:
        frontend.update_login_flow(
            login_flow.id, password_login("sdk@example.com", "nope-nope-nope")
        )
    assert wrong.value.status == 400 and "4000006" in wrong.value.body
    done = frontend.update_login_flow(login_flow.id, password_login("SDK@example.com"))
    assert done.session.identity.id == registered.identity.id
    me = frontend.to_session(x_session_token=done.session_token)
    assert me.id == done.session.id


def test_browser_registration_then_login(frontend):
    jar: dict[str, str] = {}
    answer = frontend.create_browser_registration_flow_with_http_info()
    flow = answer.data
    cookies_of(answer, jar)
    assert flow.type == "browser" and jar
    fetched = frontend.get_registration_flow(flow.id, cookie=cookie_header(jar))
    registered = frontend.update_registration_flow_with_http_info(
        flow.id, password_registration("web@example.com", csrf(fetched)), cookie=cookie_header(jar)
    )
    assert registered.data.identity.traits == {"email": "web@example.com"}
    assert registered.data.session_token is None
    cookies_of(registered, jar)
    assert "ory_kratos_session" in jar
    session = frontend.to_session(cookie=cookie_header(jar))
    assert session.identity.id == registered.data.identity.id

    browser_jar = {k: v for k, v in jar.items() if k != "ory_kratos_session"}
    answer = frontend.create_browser_login_flow_with_http_info(cookie=cookie_header(browser_jar))
    login_flow = answer.data
    cookies_of(answer, browser_jar)
    with pytest.raises(ApiException) as forged:
        frontend.update_login_flow(
            login_flow.id,
            password_login("web@example.com", csrf_token="bad"),
            cookie=cookie_header(browser_jar),
        )
    assert forged.value.status == 403 and "security_csrf_violation" in forged.value.body
    done = frontend.update_login_flow_with_http_info(
        login_flow.id,
        password_login("web@example.com", csrf_token=csrf(login_flow)),
        cookie=cookie_header(browser_jar),
    )
    assert done.data.session.identity.id == registered.data.identity.id
    assert "ory_kratos_session" in cookies_of(done, {})
