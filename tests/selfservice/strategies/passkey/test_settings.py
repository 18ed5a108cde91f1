"""Adding and removing passkeys in the settings flow."""

from __future__ import annotations

import json

import pytest

from kratos_auth.identity.models import Credential
from kratos_auth.identity.sync import load_config
from tests.mfa import flows
from tests.mfa.authenticator import SoftAuthenticator
from tests.selfservice.plugin import checked


@pytest.fixture
def mfa(configure):
    configure(selfservice={"methods": flows.mfa_methods()})


def test_add_sign_in_and_remove(identity, mfa):
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    spa.password_login()
    flow = flows.spa_settings(spa)
    create = json.loads(flows.node_attributes(flow, "passkey_create_data")["value"])
    assert create["publicKey"]["user"]["name"] == "alice@example.com"
    trigger = flows.node_attributes(flow, "passkey_register_trigger")
    assert trigger["onclickTrigger"] == "oryPasskeySettingsRegistration"
    body = {"passkey_settings_register": json.dumps(device.create(create))}
    done = checked(spa.post(flow, "settings", body), "settingsFlow")
    assert done["state"] == "success"
    stored = load_config(Credential.objects.get(identity=identity, type="passkey").config)
    assert len(stored["credentials"]) == 1 and stored["credentials"][0]["is_passwordless"]

    browser = flows.Spa()
    login = browser.new_login()
    challenge = json.loads(flows.node_attributes(login, "passkey_challenge")["value"])
    signed_in = browser.post(login, "login", {"passkey_login": json.dumps(device.get(challenge))})
    assert checked(signed_in, "successfulNativeLogin")["session"]["identity"]["id"] == str(
        identity.id
    )

    flow = flows.spa_settings(spa)
    remove = flows.node_attributes(flow, "passkey_remove")
    assert remove["disabled"] is False  # the password remains
    done = checked(spa.post(flow, "settings", {"passkey_remove": remove["value"]}), "settingsFlow")
    assert not Credential.objects.filter(identity=identity, type="passkey").exists()
    assert done["state"] == "success"


def test_last_passkey_of_a_passwordless_identity_stays(configure, db):
    configure(
        selfservice={
            "methods": flows.mfa_methods(),
            "flows": {"registration": {"after": {"passkey": {"hooks": [{"hook": "session"}]}}}},
        }
    )
    from tests.selfservice.strategies.passkey.test_passkey import sign_up

    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    checked(sign_up(spa, device), "successfulNativeRegistration")
    flow = flows.spa_settings(spa)
    remove = flows.node_attributes(flow, "passkey_remove")
    assert remove["disabled"] is True
    refused = spa.post(flow, "settings", {"passkey_remove": remove["value"]})
    assert checked(refused, "settingsFlow", 400)["ui"]["messages"][0]["id"] == 4000001
    assert Credential.objects.filter(type="passkey").exists()
