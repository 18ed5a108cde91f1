"""Setting up and removing TOTP in the settings flow (API flows)."""

from __future__ import annotations

import json

import pytest

from kratos_auth.identity.models import Credential, Identity
from kratos_auth.selfservice.settings.models import SettingsFlow
from kratos_auth.text import MessageId
from tests.mfa import flows
from tests.selfservice.plugin import checked, message_ids


@pytest.fixture
def mfa(configure):
    configure(selfservice={"methods": flows.mfa_methods()})


def test_set_up_use_and_remove(api, identity, mfa):
    token = flows.password_login(api)["session_token"]
    flow = flows.settings_flow(api, token)
    qr = flows.node_attributes(flow, "totp_qr")
    assert qr["src"].startswith("data:image/png;base64,") and qr["width"] == 256
    secret = flows.totp_secret(flow)
    assert len(secret) == 32  # 160 bits in base32
    # The stored flow holds neither the secret nor the QR image.
    stored = SettingsFlow.objects.get(pk=flow["id"])
    assert secret not in json.dumps(stored.ui) and "data:image/png" not in json.dumps(stored.ui)
    fetched = checked(
        api.get(f"/self-service/settings/flows?id={flow['id']}", HTTP_X_SESSION_TOKEN=token),
        "settingsFlow",
    )
    assert flows.totp_secret(fetched) == secret  # its owner still sees it
    key = flows.key_from_secret(secret)
    body = {"method": "totp", "totp_code": flows.current_code(key)}
    done = checked(flows.submit_settings(api, flow, body, token), "settingsFlow")
    assert done["state"] == "success"
    assert message_ids(done) == [MessageId.INFO_SELF_SERVICE_SETTINGS_UPDATE_SUCCESS]
    assert ("totp", "totp_unlink") in flows.names(done)
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal2"
    url = Credential.objects.get(identity=identity, type="totp").config["totp_url"]
    assert url.startswith("otpauth://totp/Example:alice@example.com?") and secret in url
    # Setting it up proved the factor: the session is aal2 now (Kratos does the same).
    whoami = api.get("/sessions/whoami", HTTP_X_SESSION_TOKEN=token).json()
    assert whoami["authenticator_assurance_level"] == "aal2"

    # The setup code is spent: it cannot complete an aal2 login.
    second = flows.password_login(api)["session_token"]
    refused = flows.submit(api, flows.aal2_flow(api, second), body, HTTP_X_SESSION_TOKEN=second)
    assert message_ids(checked(refused, "loginFlow", 400)) == [
        MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG
    ]

    flow = flows.settings_flow(api, token)
    done = checked(
        flows.submit_settings(api, flow, {"method": "totp", "totp_unlink": True}, token),
        "settingsFlow",
    )
    assert done["state"] == "success"
    assert not Credential.objects.filter(identity=identity, type="totp").exists()
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal1"
    assert ("totp", "totp_code") in flows.names(done)  # a new key is offered


def test_wrong_code_keeps_the_key_pending(api, identity, mfa):
    token = flows.password_login(api)["session_token"]
    flow = flows.settings_flow(api, token)
    key = flows.key_from_secret(flows.totp_secret(flow))
    wrong = "000000" if flows.current_code(key) != "000000" else "111111"
    refused = checked(
        flows.submit_settings(api, flow, {"method": "totp", "totp_code": wrong}, token),
        "settingsFlow",
        400,
    )
    assert message_ids(refused, "totp_code") == [MessageId.ERROR_VALIDATION_TOTP_VERIFIER_WRONG]
    assert flows.totp_secret(refused) == flows.totp_secret(flow)
    body = {"method": "totp", "totp_code": flows.current_code(key)}
    assert checked(flows.submit_settings(api, flow, body, token), "settingsFlow")["state"] == (
        "success"
    )


def test_missing_code_is_required(api, identity, mfa):
    token = flows.password_login(api)["session_token"]
    flow = flows.settings_flow(api, token)
    refused = checked(
        flows.submit_settings(api, flow, {"method": "totp"}, token), "settingsFlow", 400
    )
    assert message_ids(refused, "totp_code") == [MessageId.ERROR_VALIDATION_REQUIRED]


def test_an_aal1_session_cannot_manage_settings_once_totp_exists(api, identity, mfa):
    flows.add_totp(identity)
    token = flows.password_login(api)["session_token"]
    response = api.get("/self-service/settings/api", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 403
    assert response.json()["error"]["id"] == "session_aal2_required"


def test_settings_required_aal1_allows_it(api, identity, configure):
    configure(
        selfservice={
            "methods": flows.mfa_methods(),
            "flows": {"settings": {"required_aal": "aal1"}},
        }
    )
    flows.add_totp(identity)
    token = flows.password_login(api)["session_token"]
    flow = flows.settings_flow(api, token)
    assert ("totp", "totp_unlink") in flows.names(flow)
