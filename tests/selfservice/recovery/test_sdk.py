"""End to end through the official Ory SDK against live servers, with every mail read from
the real SMTP server: recovery by code and by link, verification by code and by link,
passwordless code login, and settings changes. Every body is checked against api.json."""

from __future__ import annotations

import json
import threading

import ory_kratos_client
import pytest
import requests
from ory_kratos_client.api.frontend_api import FrontendApi
from ory_kratos_client.exceptions import ApiException
from ory_kratos_client.models import (
    UpdateLoginFlowBody,
    UpdateLoginFlowWithCodeMethod,
    UpdateRecoveryFlowBody,
    UpdateRecoveryFlowWithCodeMethod,
    UpdateRecoveryFlowWithLinkMethod,
    UpdateSettingsFlowBody,
    UpdateSettingsFlowWithPasswordMethod,
    UpdateSettingsFlowWithProfileMethod,
    UpdateVerificationFlowBody,
    UpdateVerificationFlowWithCodeMethod,
    UpdateVerificationFlowWithLinkMethod,
)

from kratos_auth.identity.models import VerifiableAddress
from tests.contracts.openapi import validate
from tests.selfservice.plugin import make_identity

PUBLIC_BASE = "https://auth.example.test"


@pytest.fixture
def frontend(live_public_url, account) -> FrontendApi:
    return FrontendApi(
        ory_kratos_client.ApiClient(ory_kratos_client.Configuration(host=live_public_url))
    )


def call(method, *args, schema: str, **kwargs):
    """Call an SDK method, check the raw body against api.json, return the model."""
    response = getattr(method.__self__, f"{method.__name__}_with_http_info")(*args, **kwargs)
    validate(json.loads(response.raw_data), schema)
    return response.data


def recovery_code(**fields) -> UpdateRecoveryFlowBody:
    return UpdateRecoveryFlowBody(UpdateRecoveryFlowWithCodeMethod(method="code", **fields))


def verification_code(**fields) -> UpdateVerificationFlowBody:
    return UpdateVerificationFlowBody(UpdateVerificationFlowWithCodeMethod(method="code", **fields))


def test_recovery_by_code_then_settings(frontend, mail_server, deliver):
    identity = make_identity("alice@example.com")
    flow = call(frontend.create_native_recovery_flow, schema="recoveryFlow")
    sent = call(
        frontend.update_recovery_flow,
        flow.id,
        recovery_code(email="alice@example.com"),
        schema="recoveryFlow",
    )
    assert sent.state == "sent_email"
    deliver()
    code = mail_server.last_to("alice@example.com").code()
    done = call(
        frontend.update_recovery_flow, flow.id, recovery_code(code=code), schema="recoveryFlow"
    )
    assert done.state == "passed_challenge"
    token = done.continue_with[0].actual_instance.ory_session_token
    settings_id = done.continue_with[1].actual_instance.flow.id

    session = call(frontend.to_session, x_session_token=token, schema="session")
    assert session.identity.id == str(identity.id)
    settings = call(
        frontend.get_settings_flow, settings_id, x_session_token=token, schema="settingsFlow"
    )
    changed = call(
        frontend.update_settings_flow,
        settings.id,
        UpdateSettingsFlowBody(
            UpdateSettingsFlowWithPasswordMethod(method="password", password="Brand-New-Pass-123")
        ),
        x_session_token=token,
        schema="settingsFlow",
    )
    assert changed.state == "success"
    profile = call(
        frontend.update_settings_flow,
        settings.id,
        UpdateSettingsFlowBody(
            UpdateSettingsFlowWithProfileMethod(
                method="profile", traits={"email": "alice@example.com", "name": {"first": "Al"}}
            )
        ),
        x_session_token=token,
        schema="settingsFlow",
    )
    assert profile.identity.traits["name"] == {"first": "Al"}


def test_recovery_by_link(frontend, account, live_public_url, mail_server, deliver):
    account(flows={"recovery": {"use": "link"}})
    make_identity("bob@example.com")
    flow = call(frontend.create_native_recovery_flow, schema="recoveryFlow")
    body = UpdateRecoveryFlowBody(
        UpdateRecoveryFlowWithLinkMethod(method="link", email="bob@example.com")
    )
    assert call(frontend.update_recovery_flow, flow.id, body, schema="recoveryFlow").state == (
        "sent_email"
    )
    deliver()
    [link] = mail_server.last_to("bob@example.com").links()
    opened = requests.get(link.replace(PUBLIC_BASE, live_public_url), allow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["Location"].startswith("https://app.example.test/settings?flow=")
    cookie = "; ".join(f"{c.name}={c.value}" for c in opened.cookies)
    session = call(frontend.to_session, cookie=cookie, schema="session")
    assert session.authentication_methods[0].method == "link_recovery"


def test_verification_by_code(frontend, mail_server, deliver):
    identity = make_identity("carol@example.com")
    flow = call(frontend.create_native_verification_flow, schema="verificationFlow")
    call(
        frontend.update_verification_flow,
        flow.id,
        verification_code(email="carol@example.com"),
        schema="verificationFlow",
    )
    deliver()
    code = mail_server.last_to("carol@example.com").code()
    done = call(
        frontend.update_verification_flow,
        flow.id,
        verification_code(code=code),
        schema="verificationFlow",
    )
    assert done.state == "passed_challenge"
    assert VerifiableAddress.objects.get(identity=identity).verified


def test_verification_by_link(frontend, account, live_public_url, mail_server, deliver):
    account(flows={"verification": {"use": "link"}})
    identity = make_identity("dave@example.com")
    flow = call(frontend.create_native_verification_flow, schema="verificationFlow")
    body = UpdateVerificationFlowBody(
        UpdateVerificationFlowWithLinkMethod(method="link", email="dave@example.com")
    )
    call(frontend.update_verification_flow, flow.id, body, schema="verificationFlow")
    deliver()
    [link] = mail_server.last_to("dave@example.com").links()
    opened = requests.get(link.replace(PUBLIC_BASE, live_public_url), allow_redirects=False)
    assert opened.status_code == 303
    done = call(frontend.get_verification_flow, flow.id, schema="verificationFlow")
    assert done.state == "passed_challenge"
    assert VerifiableAddress.objects.get(identity=identity).verified


def test_passwordless_code_login(frontend, account, mail_server, deliver):
    account(methods={"code": {"passwordless_enabled": True}})
    identity = make_identity("erin@example.com", password=None)
    flow = call(frontend.create_native_login_flow, schema="loginFlow")
    body = UpdateLoginFlowBody(
        UpdateLoginFlowWithCodeMethod(method="code", identifier="erin@example.com", csrf_token="")
    )
    with pytest.raises(ApiException) as sent:
        frontend.update_login_flow(flow.id, body)
    assert sent.value.status == 400
    shown = json.loads(sent.value.body)
    validate(shown, "loginFlow")
    assert shown["state"] == "sent_email"
    deliver()
    code = mail_server.last_to("erin@example.com").code()
    body = UpdateLoginFlowBody(
        UpdateLoginFlowWithCodeMethod(
            method="code", identifier="erin@example.com", code=code, csrf_token=""
        )
    )
    done = call(frontend.update_login_flow, flow.id, body, schema="successfulNativeLogin")
    assert done.session.identity.id == str(identity.id)
    assert done.session_token


def test_two_simultaneous_submissions_of_one_code_succeed_once(
    frontend, live_public_url, mail_server, deliver
):
    make_identity("frank@example.com")
    flow = frontend.create_native_recovery_flow()
    frontend.update_recovery_flow(flow.id, recovery_code(email="frank@example.com"))
    deliver()
    code = mail_server.last_to("frank@example.com").code()
    barrier = threading.Barrier(2)
    results: list[dict] = []

    def submit() -> None:
        barrier.wait()
        response = requests.post(
            f"{live_public_url}/self-service/recovery?flow={flow.id}",
            json={"method": "code", "code": code},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        results.append(response.json())

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [
        r for r in results if r.get("state") == "passed_challenge" and r.get("continue_with")
    ]
    assert len(winners) == 1, results
    loser = next(r for r in results if r is not winners[0])
    assert not loser.get("continue_with")
