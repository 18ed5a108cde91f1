"""Adding and removing security keys in the settings flow (browser flows)."""

from __future__ import annotations

import json

import pytest

from kratos_auth.identity.models import Credential, Identity
from kratos_auth.identity.sync import load_config
from tests.mfa import flows
from tests.mfa.authenticator import SoftAuthenticator, options_from_onclick
from tests.selfservice.plugin import checked


@pytest.fixture
def mfa(configure):
    configure(selfservice={"methods": flows.mfa_methods()})


@pytest.mark.parametrize("fmt", ["none", "packed"])
def test_add_use_remove(identity, mfa, fmt):
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    spa.password_login()
    flow = flows.spa_settings(spa)
    trigger = flows.node_attributes(flow, "webauthn_register_trigger")
    assert trigger["onclickTrigger"] == "oryWebAuthnRegistration"
    options = options_from_onclick(trigger["onclick"])
    assert options["publicKey"]["rp"] == {"name": "Example", "id": "auth.example.test"}
    body = {
        "method": "webauthn",
        "webauthn_register": json.dumps(device.create(options, fmt)),
        "webauthn_register_displayname": "YubiKey",
    }
    done = checked(spa.post(flow, "settings", body), "settingsFlow")
    assert done["state"] == "success"
    remove = flows.node_attributes(done, "webauthn_remove")
    assert remove["value"] == next(iter(device.keys)).hex()
    stored = load_config(Credential.objects.get(identity=identity, type="webauthn").config)
    assert stored["credentials"][0]["display_name"] == "YubiKey"
    assert stored["credentials"][0]["attestation_type"] == fmt
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal2"
    assert spa.whoami().json()["authenticator_assurance_level"] == "aal2"

    # A fresh browser reaches aal2 with the key.
    other = flows.Spa()
    other.password_login()
    login = other.new_login("?aal=aal2")
    request = options_from_onclick(
        flows.node_attributes(login, "webauthn_login_trigger")["onclick"]
    )
    body = {"method": "webauthn", "webauthn_login": json.dumps(device.get(request))}
    assert checked(other.post(login, "login", body), "successfulNativeLogin")

    flow = flows.spa_settings(spa)
    done = checked(spa.post(flow, "settings", {"webauthn_remove": remove["value"]}), "settingsFlow")
    assert done["state"] == "success"
    # The credential row stays (the traits name a webauthn identifier, as in Kratos): no keys.
    left = Credential.objects.filter(identity=identity, type="webauthn").first()
    assert left is None or not load_config(left.config).get("credentials")
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal1"


def test_registration_for_another_challenge_is_refused(identity, mfa):
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    spa.password_login()
    first = flows.spa_settings(spa)
    second = flows.spa_settings(spa)
    options = options_from_onclick(
        flows.node_attributes(first, "webauthn_register_trigger")["onclick"]
    )
    body = {"webauthn_register": json.dumps(device.create(options))}
    refused = spa.post(second, "settings", body)
    assert checked(refused, "settingsFlow", 400)["ui"]["messages"][0]["id"] == 4000001
    left = Credential.objects.filter(identity=identity, type="webauthn").first()
    assert left is None or not load_config(left.config).get("credentials")


def test_removing_an_unknown_key(identity, mfa):
    spa = flows.Spa()
    spa.password_login()
    flow = flows.spa_settings(spa)
    refused = spa.post(flow, "settings", {"webauthn_remove": "00ff"})
    assert checked(refused, "settingsFlow", 400)["ui"]["messages"][0]["id"] == 4000001


def test_passwordless_keys_are_first_factors(identity, configure):
    methods = flows.mfa_methods()
    methods["webauthn"]["config"]["passwordless"] = True
    configure(selfservice={"methods": methods})
    device = SoftAuthenticator(flows.ORIGIN)
    spa = flows.Spa()
    spa.password_login()
    flow = flows.spa_settings(spa)
    options = options_from_onclick(
        flows.node_attributes(flow, "webauthn_register_trigger")["onclick"]
    )
    body = {"webauthn_register": json.dumps(device.create(options))}
    done = checked(spa.post(flow, "settings", body), "settingsFlow")
    assert flows.node_attributes(done, "webauthn_remove")["disabled"] is False  # password left
    stored = load_config(Credential.objects.get(identity=identity, type="webauthn").config)
    assert stored["credentials"][0]["is_passwordless"] is True
    assert Identity.objects.get(pk=identity.pk).available_aal == "aal1"
    assert spa.whoami().json()["authenticator_assurance_level"] == "aal1"
